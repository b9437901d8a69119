# SPDX-License-Identifier: EUPL-1.2
"""Risk candidates for the selection, from the selecting user's own access (see the package docstring)."""

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.actions.addresses import Address
from weerbaar.actions.constants import (
    LocationReason,
)
from weerbaar.actions.models import (
    Operation,
)
from weerbaar.actions.selectors.operations import operation_area
from weerbaar.cases.selectors import case_list
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.models import Subject
from weerbaar.correlation.selectors import subjects_visible
from weerbaar.correlation.services.access import correlations_show
from weerbaar.signals.constants import LocationKind
from weerbaar.signals.selectors import signal_list

# --------------------------------------------------------------------------------------------------
# Risk candidates for the selection
# --------------------------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A premises proposed for a risk. ``key`` names it for the form without naming the source's content."""

    key: str
    address: Address
    reason: str
    source_kind: str
    source_uuid: UUID | None
    source_organisation_id: int | None
    source_label: str
    municipality_id: int | None
    latitude: Any = None
    longitude: Any = None
    #: Hits in contexts the actor may not see: {"kind", "organisation", "via", "token"}.
    hits: list[dict[str, str]] = field(default_factory=list)


def _signal_address(signal: Any) -> Address | None:
    if signal.location_kind != LocationKind.ADRES or not signal.street:
        return None
    return Address(signal.street, signal.house_number, signal.postcode, signal.city)


def _subject_address(subject: Subject) -> Address:
    number = f"{subject.house_number}{subject.house_number_addition}"
    return Address(subject.street, number, subject.postcode, subject.city)


def selection_candidates(*, actor: Actor, operation: Operation) -> list[Candidate]:
    """Risk candidates in the operation's area, within the actor's own access (empty for non-planners).

    Showing them discloses correlation hits, so the read is audited as the correlation panel's is
    (``correlations_show``), and braked by its hourly limit.
    """
    if not can(actor, Perm.ACTIONS_MANAGE, operation):
        return []
    area = [m.pk for m in operation_area(operation)]
    if not area:
        return []
    by_key: dict[str, Candidate] = {}
    for signal in signal_list(actor=actor).filter(municipality_id__in=area)[:500]:
        address = _signal_address(signal)
        if address is None:
            continue
        by_key.setdefault(
            address.key,
            Candidate(
                key=f"signal:{signal.uuid}",
                address=address,
                reason=LocationReason.SIGNAL,
                source_kind=LocationReason.SIGNAL,
                source_uuid=signal.uuid,
                source_organisation_id=signal.organisation_id,
                source_label=signal.number or "",
                municipality_id=signal.municipality_id,
                latitude=signal.latitude,
                longitude=signal.longitude,
            ),
        )
    case_ids = list(case_list(actor=actor).filter(municipality_id__in=area).values_list("pk", flat=True)[:500])
    subjects = list(
        subjects_visible(actor=actor)
        .filter(kind=SubjectKind.ADRES)
        .filter(Q(case_item__case_id__in=case_ids) | Q(signal__municipality_id__in=area))
        .select_related("case_item__case", "signal")[:500]
    )
    subject_candidate: dict[int, Candidate] = {}
    for subject in subjects:
        address = _subject_address(subject)
        if not address.street:
            continue
        if subject.case_item is not None:
            case = subject.case_item.case
            candidate = by_key.setdefault(
                address.key,
                Candidate(
                    key=f"case:{case.uuid}:{subject.uuid}",
                    address=address,
                    reason=LocationReason.CASE,
                    source_kind=LocationReason.CASE,
                    source_uuid=case.uuid,
                    source_organisation_id=case.owner_id,
                    source_label=case.number or "",
                    municipality_id=case.municipality_id,
                ),
            )
        elif subject.signal is not None:
            signal = subject.signal
            candidate = by_key.setdefault(
                address.key,
                Candidate(
                    key=f"signal:{signal.uuid}:{subject.uuid}",
                    address=address,
                    reason=LocationReason.SIGNAL,
                    source_kind=LocationReason.SIGNAL,
                    source_uuid=signal.uuid,
                    source_organisation_id=signal.organisation_id,
                    source_label=signal.number or "",
                    municipality_id=signal.municipality_id,
                ),
            )
        else:
            continue
        subject_candidate[subject.pk] = candidate
    if subjects:
        shown = correlations_show(actor=actor, subjects=subjects, where="actions.selection")
        for row in shown.report.rows:
            found = subject_candidate.get(row.subject.pk)
            if found is None:
                continue
            if row.same or row.hits:
                found.reason = LocationReason.CORRELATION
            seen = {(h["kind"], h["organisation"]) for h in found.hits}
            for hit in row.hits:
                ident = (hit.context.kind, hit.context.organisation_name)
                if ident in seen:
                    continue
                seen.add(ident)
                found.hits.append(
                    {
                        "kind": hit.context.kind,
                        "organisation": hit.context.organisation_name,
                        "via": str(hit.via.uuid),
                        "token": hit.token,
                    }
                )
    return sorted(by_key.values(), key=lambda c: (c.reason != LocationReason.CORRELATION, c.address.line))
