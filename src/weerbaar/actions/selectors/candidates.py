# SPDX-License-Identifier: EUPL-1.2
"""Risk candidates for the selection, from the selecting user's own access (see the package docstring)."""

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.actions.addresses import Address
from weerbaar.actions.constants import LocationReason
from weerbaar.actions.models import Operation
from weerbaar.actions.selectors.operations import operation_area
from weerbaar.cases.selectors import case_list
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.models import Subject
from weerbaar.correlation.selectors import subjects_visible
from weerbaar.correlation.services.access import correlations_show
from weerbaar.signals.constants import LocationKind
from weerbaar.signals.selectors import signal_list

#: How many risk sources of each kind (signals, address subjects) are read, and how many candidates shown.
CANDIDATE_LIMIT = 500


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


class CandidateList(list[Candidate]):
    """The candidates shown, with how many risk sources the area held (``total``, uncapped) so the page can
    say "showing 500 of N"; ``hidden_hits`` counts the correlation hits in contexts the actor may not see."""

    total: int = 0

    @property
    def capped(self) -> bool:
        return self.total > len(self)

    @property
    def hidden_hits(self) -> int:
        return sum(len(candidate.hits) for candidate in self)


def _signal_address(signal: Any) -> Address | None:
    if signal.location_kind != LocationKind.ADRES or not signal.street:
        return None
    return Address(signal.street, signal.house_number, signal.postcode, signal.city)


def _subject_address(subject: Subject) -> Address:
    number = f"{subject.house_number}{subject.house_number_addition}"
    return Address(subject.street, number, subject.postcode, subject.city)


def selection_candidates(*, actor: Actor, operation: Operation) -> CandidateList:
    """Risk candidates in the operation's area, within the actor's own access (empty for non-planners).

    Showing them discloses correlation hits, so the read is audited as the correlation panel's is
    (``correlations_show``), and braked by its hourly limit.
    """
    if not can(actor, Perm.ACTIONS_MANAGE, operation):
        return CandidateList()
    area = [m.pk for m in operation_area(operation)]
    if not area:
        return CandidateList()
    by_key: dict[str, Candidate] = {}
    signals = (
        signal_list(actor=actor).filter(municipality_id__in=area, location_kind=LocationKind.ADRES).exclude(street="")
    )
    read = 0
    for signal in signals[:CANDIDATE_LIMIT]:
        read += 1
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
    cases = case_list(actor=actor).filter(municipality_id__in=area).values("pk")
    address_subjects = (
        subjects_visible(actor=actor)
        .filter(kind=SubjectKind.ADRES)
        .filter(Q(case_item__case_id__in=cases) | Q(signal__municipality_id__in=area))
    )
    subjects = list(address_subjects.select_related("case_item__case", "signal")[:CANDIDATE_LIMIT])
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
    ordered = sorted(by_key.values(), key=lambda c: (c.reason != LocationReason.CORRELATION, c.address.line))
    result = CandidateList(ordered[:CANDIDATE_LIMIT])
    sources = len(ordered)
    if CANDIDATE_LIMIT in (read, len(subjects)) or len(ordered) > CANDIDATE_LIMIT:
        # Only when a cap was reached is the uncapped number worth its two counts.
        sources = max(sources, signals.count() + address_subjects.count())
    result.total = sources
    return result
