# SPDX-License-Identifier: EUPL-1.2
"""Reads of area C, always scoped by the actor through the rules in ``scopes.py``."""

from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Q, QuerySet
from django.utils import timezone

from weerbaar.accounts.constants import ROLE_PERMISSIONS, Perm
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.threats import crypto, perpetrators, scopes
from weerbaar.threats.constants import Status, StepStatus
from weerbaar.threats.models import (
    AccessGrant,
    Evidence,
    FollowUpStep,
    Incident,
    PerpetratorMark,
    ProtectionMeasure,
    ThreatAssessment,
    VictimPerson,
)
from weerbaar.threats.permissions import coordinate_incident


def incident_list(*, actor: Actor) -> QuerySet[Incident]:
    q = scopes.incident_visible(actor)
    if q is NOTHING:
        return Incident.objects.none()
    # The grants join repeats an incident per grant: select the incidents by primary key instead.
    ids = Incident.objects.filter(q).values("pk")
    return (
        Incident.objects.filter(pk__in=ids)
        .select_related("organisation", "victim_person", "victim_person__user", "victim_person__municipality")
        .order_by("-created_at")
    )


def incident_get(*, actor: Actor, uuid: UUID | str) -> Incident | None:
    return incident_list(actor=actor).filter(uuid=uuid).first()


def incident_coordinated_get(*, actor: Actor, uuid: UUID | str) -> Incident | None:
    """The incident when the actor coordinates it (own organisation's security coordinator)."""
    incident = incident_get(actor=actor, uuid=uuid)
    return incident if incident is not None and coordinate_incident(actor, incident) else None


def step_overdue_list(*, actor: Actor) -> QuerySet[FollowUpStep]:
    """Open steps past their due time in incidents the actor coordinates, most overdue first."""
    incidents = incident_list(actor=actor).filter(scopes.incident_coordinated(actor))
    return (
        FollowUpStep.objects.filter(incident__in=incidents, status=StepStatus.OPEN, due_at__lt=timezone.now())
        .select_related("incident", "owner")
        .order_by("due_at")
    )


def incident_open_list(*, actor: Actor) -> list[Incident]:
    """Open incidents the actor can see; those with overdue steps first."""
    incidents = list(incident_list(actor=actor).exclude(status=Status.AFGESLOTEN))
    overdue_ids = set(
        FollowUpStep.objects.filter(
            incident__in=[i.pk for i in incidents], status=StepStatus.OPEN, due_at__lt=timezone.now()
        ).values_list("incident_id", flat=True)
    )
    for incident in incidents:
        incident.has_overdue = incident.pk in overdue_ids  # type: ignore[attr-defined]
    return sorted(incidents, key=lambda i: (i.pk not in overdue_ids, -i.created_at.timestamp()))


@dataclass
class PerpetratorLinks:
    """For the coordinator: own incidents with the same perpetrator, and hits at other organisations."""

    features: list[str] = field(default_factory=list)
    own: list[tuple[Incident, perpetrators.Match]] = field(default_factory=list)
    #: Names of other organisations with an incident sharing a mark; nothing else of those incidents.
    elsewhere: list[str] = field(default_factory=list)

    @property
    def feature_labels(self) -> list[str]:
        return [str(perpetrators.LABELS[f]) for f in self.features]


def perpetrator_links(*, actor: Actor, incident: Incident) -> PerpetratorLinks:
    """Matches on the sealed perpetrator marks (coordinator only): own incidents in full, others as a hit."""
    result = PerpetratorLinks()
    if not coordinate_incident(actor, incident):
        return result
    own_marks = dict(incident.perpetrator_marks.values_list("mark", "feature"))
    result.features = sorted(set(own_marks.values()))
    if not own_marks:
        return result
    shared: dict[int, set[str]] = {}
    for other_id, mark in (
        PerpetratorMark.objects.filter(mark__in=list(own_marks))
        .exclude(incident=incident)
        .values_list("incident_id", "mark")
    ):
        shared.setdefault(other_id, set()).add(own_marks[mark])
    incidents = {i.pk: i for i in Incident.objects.filter(pk__in=shared).select_related("organisation")}
    # Shown in full exactly where the coordinator may open the incident; anywhere else it is only a hit.
    coordinated = set(
        Incident.objects.filter(scopes.incident_coordinated(actor), pk__in=shared).values_list("pk", flat=True)
    )
    elsewhere: set[str] = set()
    for other_id, features in shared.items():
        other = incidents[other_id]
        match = perpetrators.Match(
            other_id, other.organisation_id, perpetrators.score(features), tuple(sorted(features))
        )
        if match.score < 0:
            continue
        if other_id in coordinated:
            result.own.append((other, match))
        else:
            elsewhere.add(other.organisation.name)
    result.own.sort(key=lambda pair: (-pair[1].score, -pair[0].created_at.timestamp()))
    result.elsewhere = sorted(elsewhere)
    return result


def step_list(*, actor: Actor, incident: Incident) -> QuerySet[FollowUpStep]:
    if not scopes.is_visible(actor, incident):
        return FollowUpStep.objects.none()
    return incident.steps.select_related("owner", "done_by").order_by("due_at", "pk")


def measure_list(*, actor: Actor, incident: Incident) -> QuerySet[ProtectionMeasure]:
    if not scopes.is_visible(actor, incident):
        return ProtectionMeasure.objects.none()
    return incident.measures.prefetch_related("changes").order_by("review_on", "pk")


def measure_get(*, actor: Actor, incident: Incident, uuid: UUID | str) -> ProtectionMeasure | None:
    return measure_list(actor=actor, incident=incident).filter(uuid=uuid).first()


def step_get(*, actor: Actor, incident: Incident, uuid: UUID | str) -> FollowUpStep | None:
    return step_list(actor=actor, incident=incident).filter(uuid=uuid).first()


def evidence_get(*, actor: Actor, incident: Incident, uuid: UUID | str) -> Evidence | None:
    if not scopes.is_visible(actor, incident):
        return None
    return incident.evidence.filter(uuid=uuid).first()


def grant_list(*, actor: Actor, incident: Incident) -> QuerySet[AccessGrant]:
    if not scopes.is_visible(actor, incident):
        return AccessGrant.objects.none()
    return incident.grants.select_related("grantee", "granted_by", "organisation")


def grant_get(*, actor: Actor, incident: Incident, uuid: UUID | str) -> AccessGrant | None:
    return grant_list(actor=actor, incident=incident).filter(uuid=uuid, revoked_at__isnull=True).first()


def victim_person_get(*, actor: Actor, incident: Incident) -> VictimPerson | None:
    """The person affected, where the actor may see the incident (``scopes.victim_person_visible``)."""
    q = scopes.victim_person_visible(actor)
    if q is NOTHING:
        return None
    return VictimPerson.objects.filter(q, incident=incident).select_related("user", "municipality").first()


def assessment_list(*, actor: Actor, incident: Incident) -> QuerySet[ThreatAssessment]:
    if not scopes.is_visible(actor, incident):
        return ThreatAssessment.objects.none()
    return incident.assessments.all()


def _victim_user_ids(incident: Incident) -> list[int]:
    """The victim's account, if any: never a candidate to be let in (they see it already)."""
    person = getattr(incident, "victim_person", None)
    return [person.user_id] if person is not None and person.user_id is not None else []


def staff_candidates(*, incident: Incident) -> QuerySet[User]:
    """People with a current role in the incident's organisation, except the victim (e.g. step owners)."""
    users = RoleAssignment.objects.current().filter(organisation_id=incident.organisation_id).values("user_id")
    return (
        User.objects.filter(pk__in=users, is_active=True)
        .exclude(pk__in=_victim_user_ids(incident))
        .order_by("last_name")
    )


#: Roles that may see an incident at all once granted (``threats.view``).
_VIEWING_ROLES = [role for role, codes in ROLE_PERMISSIONS.items() if Perm.THREATS_VIEW in codes]


def grantee_organisations(*, incident: Incident) -> dict[int, Organisation]:
    """Who may be granted access, and for which organisation: a named person of the incident's own
    organisation (the mayor, town clerk, HR) or of a police organisation (the police liaison), never the
    victim. Someone with a role in both is granted for the own organisation."""
    assignments = (
        RoleAssignment.objects.current()
        .filter(
            Q(organisation_id=incident.organisation_id) | Q(organisation__type=OrganisationType.POLITIE),
            role__in=_VIEWING_ROLES,
            user__is_active=True,
        )
        .exclude(user_id__in=_victim_user_ids(incident))
        .select_related("organisation")
    )
    result: dict[int, Organisation] = {}
    for assignment in assignments:
        if result.get(assignment.user_id) is None or assignment.organisation_id == incident.organisation_id:
            result[assignment.user_id] = assignment.organisation
    return result


def grantee_candidates(*, incident: Incident) -> QuerySet[User]:
    """The people of :func:`grantee_organisations`, by name."""
    return User.objects.filter(pk__in=list(grantee_organisations(incident=incident))).order_by(
        "last_name", "first_name"
    )


def victim_candidates(*, actor: Actor) -> QuerySet[User]:
    """Staff of the actor's organisation a coordinator may register an incident for."""
    if actor.organisation_id is None:
        return User.objects.none()
    users = RoleAssignment.objects.current().filter(organisation_id=actor.organisation_id).values("user_id")
    return User.objects.filter(pk__in=users, is_active=True).order_by("last_name", "first_name")


def incident_home_address(*, actor: Actor, incident: Incident) -> str:
    """Decrypted home address — the coordinator alone. Call ``services.home_address_read_record`` too."""
    if not coordinate_incident(actor, incident):
        return ""
    return crypto.address_decrypt(incident.home_address_encrypted)
