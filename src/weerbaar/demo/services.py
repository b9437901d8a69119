# SPDX-License-Identifier: EUPL-1.2
"""Load synthetic demo data through the real services (idempotent)."""

import base64
import binascii
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts import services as account_services
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.demo.actions import actions_demo_load
from weerbaar.demo.cases import cases_demo_load
from weerbaar.demo.certification import certification_demo_load
from weerbaar.demo.correlation import correlation_demo_load
from weerbaar.demo.data import ORGANISATIONS, USERS
from weerbaar.demo.insights import insights_demo_load
from weerbaar.demo.integrity import integrity_demo_load
from weerbaar.demo.knowledge import knowledge_demo_load
from weerbaar.demo.partnerships import partnerships_demo_load
from weerbaar.demo.resilience import resilience_demo_load
from weerbaar.demo.signals import signals_demo_load
from weerbaar.demo.support import support_demo_load
from weerbaar.demo.surveys import surveys_demo_load
from weerbaar.demo.threats import threats_demo_load
from weerbaar.demo.training import training_demo_load
from weerbaar.geo.models import Municipality, PoliceUnit, SafetyRegion
from weerbaar.geo.services import geography_load
from weerbaar.insights.services import aggregates_refresh
from weerbaar.organisations.models import Organisation
from weerbaar.organisations.services import organisation_create


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    totp_secret: str
    role: str
    organisation: str


def demo_password() -> str:
    return str(getattr(settings, "DEMO_PASSWORD", "demo-Weerbaar-2026"))


@transaction.atomic
def demo_load() -> None:
    geography_load()
    for name, org_type, gm, vr, unit, operator in ORGANISATIONS:
        if Organisation.objects.filter(name=name).exists():
            continue
        organisation_create(
            actor=None,
            name=name,
            type=org_type,
            municipality=Municipality.objects.get(code=gm) if gm else None,
            safety_region=SafetyRegion.objects.get(code=vr) if vr else None,
            police_unit=PoliceUnit.objects.get(name=unit) if unit else None,
            is_operator=operator,
        )
    for username, first, last, org_name, role, screening in USERS:
        if User.objects.filter(username=username).exists():
            continue
        user, _password = account_services.user_create(
            actor=None,
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.weerbaar.invalid",
            home_organisation=Organisation.objects.get(name=org_name),
            role=role,
            screening_status=screening,
            password=demo_password(),
        )
        account_services.demo_totp_device_set(user=user, secret_hex=secrets.token_hex(20))
    threats_demo_load()
    correlation_demo_load()  # the exclusion list first: it applies to the subjects that follow
    signals_demo_load()
    cases_demo_load()
    partnerships_demo_load()
    support_demo_load()
    surveys_demo_load()
    certification_demo_load()
    knowledge_demo_load()
    integrity_demo_load()
    training_demo_load()
    resilience_demo_load()
    actions_demo_load()
    insights_demo_load()
    # The situational picture reads only its aggregates: compute them over everything loaded above.
    aggregates_refresh(full=True)


def demo_logins() -> list[DemoLogin]:
    logins = []
    for username, *_rest in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        secret = base64.b32encode(binascii.unhexlify(device.key)).decode() if device else "-"
        assignment = RoleAssignment.objects.filter(user=user).select_related("organisation").first()
        logins.append(
            DemoLogin(
                username=username,
                password=demo_password(),
                totp_secret=secret,
                role=assignment.get_role_display() if assignment else "-",
                organisation=assignment.organisation.name if assignment else "-",
            )
        )
    return logins
