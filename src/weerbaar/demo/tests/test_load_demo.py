# SPDX-License-Identifier: EUPL-1.2
from io import StringIO

import pytest
from django.core.management import call_command

from weerbaar.accounts.constants import Role
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.demo.data import USERS

pytestmark = pytest.mark.django_db


def test_demo_has_one_user_per_role_and_prints_logins() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", "--quiet-logins", stdout=StringIO())  # idempotent
    # Besides the log-ins, the training demo adds staff records without a log-in, named "demo.*".
    assert User.objects.exclude(username__startswith="demo.").count() == len(USERS)
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    printed = out.getvalue()
    for username, *_ in USERS:
        assert username in printed
    assert "oathtool" in printed


def test_tax_office_and_prosecutor_have_demo_users_printed_with_their_organisation() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()
    for username, organisation in (
        ("officier.om", "Openbaar Ministerie parket Zeeland-West-Brabant"),
        ("fiod.belastingdienst", "Belastingdienst regio Zuid"),
    ):
        user = User.objects.get(username=username)
        assert user.home_organisation is not None and user.home_organisation.name == organisation
        line = next(line for line in printed.splitlines() if line.startswith(username))
        assert organisation in line
