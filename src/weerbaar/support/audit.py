# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names the desk's objects: by reference only, linked for the desk that may open them."""

from collections.abc import Sequence
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import Description, audit_describer_register, visible_if
from weerbaar.core.policy import Actor
from weerbaar.support.models import ApproachedReport, Referral
from weerbaar.support.scopes import referral_visible, report_visible


def _describe_reports(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = (
        ApproachedReport.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(ApproachedReport, report_visible(actor)))
        .values_list("uuid", "reference", "visible")
    )
    return {
        uuid: Description(
            _("Approached report %(reference)s") % {"reference": reference},
            reverse("support:report", args=[uuid]) if visible else None,
        )
        for uuid, reference, visible in rows
    }


def _describe_referrals(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = (
        Referral.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(Referral, referral_visible(actor)))
        .values_list("uuid", "reference", "visible")
    )
    return {
        uuid: Description(
            _("Support referral %(reference)s") % {"reference": reference},
            reverse("support:referral", args=[uuid]) if visible else None,
        )
        for uuid, reference, visible in rows
    }


def _find_reports(text: str) -> list[UUID]:
    return list(ApproachedReport.objects.filter(reference__iexact=text).values_list("uuid", flat=True))


def _find_referrals(text: str) -> list[UUID]:
    return list(Referral.objects.filter(reference__iexact=text).values_list("uuid", flat=True))


audit_describer_register(
    "support.approachedreport",
    describe=_describe_reports,
    find=_find_reports,
    label=gettext_lazy("Approached report"),
)
audit_describer_register(
    "support.referral", describe=_describe_referrals, find=_find_referrals, label=gettext_lazy("Support referral")
)
