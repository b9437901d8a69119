# SPDX-License-Identifier: EUPL-1.2
"""Reads of pressure reports, always through the scopes."""

from uuid import UUID

from django.db.models import QuerySet

from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING
from weerbaar.integrity import scopes
from weerbaar.integrity.models import PressureReport


def own_report_list(*, actor: Actor) -> QuerySet[PressureReport]:
    rule = scopes.report_own(actor)
    if rule is NOTHING:
        return PressureReport.objects.none()
    return PressureReport.objects.filter(rule)


def own_report_get(*, actor: Actor, uuid: UUID | str) -> PressureReport | None:
    return own_report_list(actor=actor).filter(uuid=uuid).first()


def handled_report_list(*, actor: Actor) -> QuerySet[PressureReport]:
    rule = scopes.report_handled(actor)
    if rule is NOTHING:
        return PressureReport.objects.none()
    return PressureReport.objects.filter(rule).select_related("reporter")


def handled_report_get(*, actor: Actor, uuid: UUID | str) -> PressureReport | None:
    return handled_report_list(actor=actor).filter(uuid=uuid).first()
