# SPDX-License-Identifier: EUPL-1.2
"""Retention of closed cases as the director sees and acts on it: the overview, and destroying an expired
case before the daily run (the policy's own ``destroy``: statistics only remain), refused otherwise."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import verified_client
from weerbaar.audit.models import AuditEvent
from weerbaar.cases.models import Case, CaseStatistic
from weerbaar.cases.services import case_close
from weerbaar.cases.tests.factories import make_case, make_member_actor, make_owner_actor
from weerbaar.core.policy import Actor
from weerbaar.core.retention import retention_destroy_now, retention_ended_list, retention_ending_list, retention_policy

pytestmark = pytest.mark.django_db

REASON = "Alle partners hebben hun eigen dossier afgesloten."


def _closed(owner: Actor, *, ends_in_days: int, case: Case | None = None) -> Case:
    case = case_close(actor=owner, case=case or make_case(owner), reason="Strategie uitgevoerd.")
    Case.objects.filter(pk=case.pk).update(retention_until=timezone.localdate() + timedelta(days=ends_in_days))
    return Case.objects.get(pk=case.pk)


def test_the_director_destroys_an_expired_case_now_leaving_statistics_only() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    case = _closed(owner, ends_in_days=-1, case=case)
    running = _closed(owner, ends_in_days=12)
    policy = retention_policy("cases")
    assert list(retention_ended_list(actor=owner, policy=policy)) == [case]
    assert list(retention_ending_list(actor=owner, policy=policy)) == [running]
    assert not retention_ended_list(actor=police, policy=policy).exists()  # a member, not the director
    with pytest.raises(PermissionDenied):
        retention_destroy_now(actor=police, policy=policy, obj=case, reason=REASON)
    with pytest.raises(ValidationError):
        retention_destroy_now(actor=owner, policy=policy, obj=running, reason=REASON)
    assert retention_destroy_now(actor=owner, policy=policy, obj=case, reason=REASON) is True
    assert not Case.objects.filter(pk=case.pk).exists() and Case.objects.filter(pk=running.pk).exists()
    assert CaseStatistic.objects.count() == 1
    event = AuditEvent.objects.get(action="delete", object_uuid=case.uuid)
    assert event.actor_uuid == owner.user.uuid and event.purpose == REASON and event.details["on_request"] is True


def test_the_destroy_page_from_the_overview() -> None:
    owner = make_owner_actor()
    assert owner.user is not None
    TOTPDevice.objects.create(user=owner.user, name="authenticator", confirmed=True)
    case = _closed(owner, ends_in_days=-1)
    client = verified_client(owner.user)
    overview = client.get(reverse("core:retention")).content.decode()
    url = reverse("cases:destroy", args=[case.uuid])
    assert case.number in overview and url in overview and case.title not in overview
    assert "geanonimiseerde cijfers" in client.get(url).content.decode()  # what remains
    assert client.post(url, {"reason": REASON}).status_code == 302
    assert not Case.objects.filter(pk=case.pk).exists()
    again = client.post(url, {"reason": REASON}, follow=True)
    assert again.status_code == 200 and "al vernietigd" in again.content.decode()
    assert CaseStatistic.objects.count() == 1
