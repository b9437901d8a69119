# SPDX-License-Identifier: EUPL-1.2
"""Reads of the trusted contact's desk, scoped by ``scopes.py`` (keyword-only, typed)."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING
from weerbaar.support import scopes
from weerbaar.support.constants import REFERRAL_OPEN, REPORT_OPEN
from weerbaar.support.models import ApproachedReport, Referral, SupportProvider


def _valid(uuid: UUID | str) -> bool:
    try:
        UUID(str(uuid))
    except (ValueError, ValidationError):
        return False
    return True


def report_list(*, actor: Actor, open_only: bool = False) -> QuerySet[ApproachedReport]:
    rows = ApproachedReport.objects.filter(scopes.report_visible(actor)).select_related("municipality")
    if open_only:
        rows = rows.filter(status__in=REPORT_OPEN)
    return rows.order_by("-received_at", "-pk")


def report_get(*, actor: Actor, uuid: UUID | str) -> ApproachedReport | None:
    if not _valid(uuid):
        return None
    return (
        ApproachedReport.objects.filter(scopes.report_visible(actor), uuid=uuid)
        .select_related("municipality", "trusted_contact__user", "trusted_contact__organisation")
        .first()
    )


def referral_list(*, actor: Actor, open_only: bool = False) -> QuerySet[Referral]:
    rows = Referral.objects.filter(scopes.referral_visible(actor)).select_related("provider")
    if open_only:
        rows = rows.filter(status__in=REFERRAL_OPEN)
    return rows.order_by("-created_at", "-pk")


def referral_get(*, actor: Actor, uuid: UUID | str) -> Referral | None:
    if not _valid(uuid):
        return None
    return (
        Referral.objects.filter(scopes.referral_visible(actor), uuid=uuid)
        .select_related("provider", "report", "trusted_contact__user")
        .first()
    )


def provider_list(*, actor: Actor) -> QuerySet[SupportProvider]:
    """The active support providers of the actor's desk's organisation (empty for everyone else)."""
    if scopes.report_visible(actor) is NOTHING or actor.organisation_id is None:
        return SupportProvider.objects.none()
    return SupportProvider.objects.filter(organisation_id=actor.organisation_id, active=True).order_by("name")
