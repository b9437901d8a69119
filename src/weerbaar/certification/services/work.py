# SPDX-License-Identifier: EUPL-1.2
"""The analysis and the plan: measurements with figures, inspection walks with findings and photos, the
measures matrix, and working-group meetings with action points.

Free texts pass the area A content check (``partnerships.content``): what the cycle holds is about the
area, never about a person. Places are kept at three decimals (about 100 m), as for area alerts.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.constants import AuditAction
from weerbaar.certification import scopes
from weerbaar.certification.constants import MEASURE_TRANSITIONS, ActionStatus, MeasurementKind, MeasureStatus, Phase
from weerbaar.certification.models import (
    ActionPoint,
    CertificationCycle,
    Figure,
    Finding,
    FindingPhoto,
    InspectionWalk,
    Measure,
    Measurement,
    MeasureStatusChange,
    WorkingGroupMeeting,
)
from weerbaar.certification.services._common import file_store, record, require_manager
from weerbaar.core.policy import Actor
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.partnerships.content import content_check
from weerbaar.partnerships.models import Participant
from weerbaar.partnerships.services._common import point_pair
from weerbaar.partnerships.trends import area_trend

#: The fields of a measure its managers edit on the matrix's row page.
MEASURE_FIELDS = ("theme", "title", "description", "owner", "executor", "deadline")


def _participants_of(cycle: CertificationCycle, *participants: Participant, field: str) -> None:
    for participant in participants:
        if participant.partnership_id != cycle.partnership_id or participant.left_at is not None:
            raise ValidationError({field: _("Choose an active participant of this partnership.")})


# --- Measurements ------------------------------------------------------------------------------------


@transaction.atomic
def measurement_record(
    *, actor: Actor, cycle: CertificationCycle, kind: str, taken_on: date | None = None
) -> Measurement:
    """A 0-meting or 1-meting, with the platform's own suppressed counts of the area filled in."""
    require_manager(actor, cycle)
    if kind == MeasurementKind.EENMETING and not cycle.measurements.filter(kind=MeasurementKind.NULMETING).exists():
        raise ValidationError({"kind": _("Record the baseline measurement (0-meting) before a follow-up.")})
    if kind == MeasurementKind.NULMETING and cycle.measurements.filter(kind=MeasurementKind.NULMETING).exists():
        raise ValidationError({"kind": _("This round already has a baseline measurement.")})
    taken_on = taken_on or timezone.localdate()
    trend = area_trend(partnership=cycle.partnership, today=taken_on)
    snapshot = {
        "quarters": trend.quarters,
        "rows": [{"phenomenon": row.phenomenon, "label": row.label, "cells": row.cells} for row in trend.rows],
    }
    measurement = Measurement(
        cycle=cycle, kind=kind, taken_on=taken_on, platform_figures=snapshot, created_by=actor.user
    )
    measurement.full_clean()
    measurement.save(force_insert=True)
    record(actor, cycle, AuditAction.CREATE, measurement=measurement.uuid, kind=kind)
    return measurement


@transaction.atomic
def figure_add(
    *,
    actor: Actor,
    measurement: Measurement,
    participant: Participant,
    theme: str,
    period: str,
    count: int,
    source: str,
) -> Figure:
    """An incident figure a participant supplied (typed in by the facilitator)."""
    cycle = measurement.cycle
    require_manager(actor, cycle)
    _participants_of(cycle, participant, field="participant")
    period, source = period.strip(), source.strip()
    content_check(period=period, source=source)
    figure = Figure(
        measurement=measurement,
        participant=participant,
        theme=theme,
        period=period,
        count=count,
        source=source,
        created_by=actor.user,
    )
    figure.full_clean()
    figure.save(force_insert=True)
    record(actor, cycle, AuditAction.UPDATE, measurement=measurement.uuid, figure=figure.uuid)
    return figure


# --- Inspection walks --------------------------------------------------------------------------------


@transaction.atomic
def walk_record(
    *,
    actor: Actor,
    cycle: CertificationCycle,
    walked_on: date,
    time_of_day: str,
    route: str,
    participants: list[Participant],
) -> InspectionWalk:
    require_manager(actor, cycle)
    if walked_on > timezone.localdate():
        raise ValidationError({"walked_on": _("The date of a walk cannot lie in the future.")})
    _participants_of(cycle, *participants, field="participants_present")
    route = route.strip()
    content_check(route=route)
    walk = InspectionWalk(cycle=cycle, walked_on=walked_on, time_of_day=time_of_day, route=route, created_by=actor.user)
    walk.full_clean()
    walk.save(force_insert=True)
    walk.participants_present.set(participants)
    record(actor, cycle, AuditAction.CREATE, walk=walk.uuid)
    return walk


@transaction.atomic
def finding_add(
    *,
    actor: Actor,
    walk: InspectionWalk,
    theme: str,
    description: str,
    latitude: Any = None,
    longitude: Any = None,
    photos: list[UploadedFile[bytes]] | None = None,
) -> Finding:
    """A finding of a walk. Photos are checked and cleaned like every upload; they are personal data."""
    cycle = walk.cycle
    require_manager(actor, cycle)
    description = description.strip()
    content_check(description=description)
    lat, lon = point_pair(latitude, longitude)
    finding = Finding(
        walk=walk, theme=theme, description=description, latitude=lat, longitude=lon, created_by=actor.user
    )
    finding.full_clean()
    finding.save(force_insert=True)
    for upload in photos or []:
        photo = FindingPhoto(finding=finding, uploaded_by=actor.user)
        try:
            file_store(photo, upload)
        except ValidationError as error:
            raise ValidationError({"photos": error.messages}) from error
        photo.save(force_insert=True)
    record(actor, cycle, AuditAction.CREATE, finding=finding.uuid, photos=len(photos or []))
    return finding


# --- Measures ----------------------------------------------------------------------------------------


def _measure_texts(title: str, description: str) -> tuple[str, str]:
    title, description = title.strip(), description.strip()
    content_check(title=title, description=description)
    return title, description


@transaction.atomic
def measure_create(
    *,
    actor: Actor,
    cycle: CertificationCycle,
    theme: str,
    title: str,
    owner: Participant,
    executor: Participant,
    deadline: date,
    description: str = "",
    finding: Finding | None = None,
) -> Measure:
    """A new row of the measures matrix, optionally made from a walk's finding (planned)."""
    require_manager(actor, cycle)
    if cycle.phase == Phase.HERCERTIFICERING:
        raise ValidationError(_("This round is closed; add the measure to the current round."))
    _participants_of(cycle, owner, field="owner")
    _participants_of(cycle, executor, field="executor")
    if finding is not None and finding.walk.cycle_id != cycle.pk:
        raise ValidationError({"finding": _("The finding belongs to another round.")})
    title, description = _measure_texts(title, description)
    measure = Measure(
        cycle=cycle,
        theme=theme,
        title=title,
        description=description,
        owner=owner,
        executor=executor,
        deadline=deadline,
        finding=finding,
        created_by=actor.user,
    )
    measure.full_clean()
    measure.save(force_insert=True)
    MeasureStatusChange.record(measure=measure, to_status=MeasureStatus.GEPLAND, actor=actor.user)
    record(actor, cycle, AuditAction.CREATE, measure=measure.uuid, finding=finding.uuid if finding else "")
    return measure


@transaction.atomic
def measure_update(*, actor: Actor, measure: Measure, expected_version: int | None, data: dict[str, Any]) -> Measure:
    """Change a measure's theme, text, owner, executor or deadline (the managers)."""
    cycle = measure.cycle
    require_manager(actor, cycle)
    measure = lock_for_update(Measure, measure, expected_version)
    if "owner" in data:
        _participants_of(cycle, data["owner"], field="owner")
    if "executor" in data:
        _participants_of(cycle, data["executor"], field="executor")
    changed = [name for name in MEASURE_FIELDS if name in data and getattr(measure, name) != data[name]]
    for name in changed:
        setattr(measure, name, data[name])
    measure.title, measure.description = _measure_texts(measure.title, measure.description)
    if not changed:
        return measure
    measure.full_clean()
    bump_version(measure, [*changed, "updated_at"])
    record(actor, cycle, AuditAction.UPDATE, measure=measure.uuid, fields=",".join(changed))
    return measure


@transaction.atomic
def measure_progress(
    *,
    actor: Actor,
    measure: Measure,
    expected_version: int | None,
    status: str,
    evidence: str | None = None,
    upload: UploadedFile[bytes] | None = None,
    reason: str = "",
) -> Measure:
    """Update a measure's status and evidence: its managers, or the representatives of its owner or
    executor. A status change follows the measure's table and is kept in its history."""
    if not scopes.is_measure_updatable(actor, measure):
        raise PermissionDenied
    measure = lock_for_update(Measure, measure, expected_version)
    fields: list[str] = []
    from_status = measure.status
    if status != from_status:
        MEASURE_TRANSITIONS.check(from_status, status)
        measure.status = status
        fields.append("status")
    if evidence is not None and evidence.strip() != measure.evidence:
        measure.evidence = evidence.strip()
        content_check(evidence=measure.evidence)
        fields.append("evidence")
    if upload is not None:
        try:
            file_store(measure, upload)
        except ValidationError as error:
            raise ValidationError({"evidence_file": error.messages}) from error
        fields += ["stored_name", "content_type", "size"]
    if not fields:
        return measure
    measure.full_clean()
    bump_version(measure, [*fields, "updated_at"])
    if "status" in fields:
        MeasureStatusChange.record(
            measure=measure, from_status=from_status, to_status=status, actor=actor.user, reason=reason
        )
    record(actor, measure.cycle, AuditAction.UPDATE, measure=measure.uuid, fields=",".join(fields))
    return measure


# --- Working-group meetings --------------------------------------------------------------------------


@transaction.atomic
def meeting_record(
    *, actor: Actor, cycle: CertificationCycle, held_on: date, agenda: str, decisions: str = ""
) -> WorkingGroupMeeting:
    require_manager(actor, cycle)
    agenda, decisions = agenda.strip(), decisions.strip()
    content_check(agenda=agenda, decisions=decisions)
    meeting = WorkingGroupMeeting(
        cycle=cycle, held_on=held_on, agenda=agenda, decisions=decisions, created_by=actor.user
    )
    meeting.full_clean()
    meeting.save(force_insert=True)
    record(actor, cycle, AuditAction.CREATE, meeting=meeting.uuid)
    return meeting


@transaction.atomic
def action_point_add(
    *,
    actor: Actor,
    meeting: WorkingGroupMeeting,
    description: str,
    owner: Participant,
    due_on: date,
    measures: list[Measure] | None = None,
    status: str = ActionStatus.OPEN,
) -> ActionPoint:
    cycle = meeting.cycle
    require_manager(actor, cycle)
    _participants_of(cycle, owner, field="owner")
    description = description.strip()
    content_check(description=description)
    if any(m.cycle_id != cycle.pk for m in measures or []):
        raise ValidationError({"measures": _("Link measures of this round only.")})
    point = ActionPoint(meeting=meeting, description=description, owner=owner, due_on=due_on, status=status)
    point.full_clean()
    point.save(force_insert=True)
    point.measures.set(measures or [])
    record(actor, cycle, AuditAction.UPDATE, meeting=meeting.uuid, action_point=point.uuid)
    return point


@transaction.atomic
def action_point_status_set(*, actor: Actor, point: ActionPoint, status: str) -> ActionPoint:
    cycle = point.meeting.cycle
    require_manager(actor, cycle)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    point.status = status
    point.save(update_fields=["status"])
    record(actor, cycle, AuditAction.UPDATE, action_point=point.uuid, status=status)
    return point
