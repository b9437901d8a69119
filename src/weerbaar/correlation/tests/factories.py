# SPDX-License-Identifier: EUPL-1.2
"""A small world for correlation tests, made through the real services.

Gemeente Tilburg receives signals (its intake officer sees them); Gemeente Breda directs a case with the
police as member; the tax office is not a member of anything. Subjects are added where users add them:
to a signal through the signal form's service, to a case through the case service.
"""

from dataclasses import dataclass
from typing import Any

from weerbaar.accounts.constants import Role
from weerbaar.cases.models import Case
from weerbaar.cases.services import subject_add
from weerbaar.cases.tests.factories import make_actor, make_case, make_member_actor, make_organisation
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor
from weerbaar.correlation.models import Subject
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.models import Signal
from weerbaar.signals.tests.factories import make_signal

PERSON = {"given_names": "Jan", "surname_prefix": "van der", "surname": "Berg", "birth_date": "1980-03-07"}
PERSON_VARIANT = {"given_names": "J.", "surname_prefix": "", "surname": "Vd Berg", "birth_date": "1980-03-07"}
HOUSEHOLD_MEMBER = {"given_names": "Piet", "surname_prefix": "van der", "surname": "Berg", "birth_date": "2009-11-02"}


@dataclass
class World:
    tilburg: Any
    intake: Actor  # meldpunt of Tilburg: sees Tilburg's signals
    case: Case
    director: Actor  # casusregisseur of Breda: directs the case
    police: Actor  # partner representative of the police: member of the case
    outsider: Actor  # casusregisseur of the tax office: member of nothing
    analyst: Actor  # RIEC analyst of Tilburg who is also a named member of the case: sees both sides


def make_world() -> World:
    tilburg = make_organisation("Gemeente Tilburg", municipality=Municipality.objects.get(code="GM0855"))
    intake = make_actor(organisation=tilburg, role=Role.MELDPUNT)
    breda = make_organisation("Gemeente Breda", municipality=Municipality.objects.get(code="GM0758"))
    director = make_actor(organisation=breda, role=Role.CASUSREGISSEUR)
    case = make_case(director, title="Loods Hoge Mierde")
    police = make_member_actor(case, owner=director, org_type=OrganisationType.POLITIE)
    outsider = make_actor(organisation=make_organisation(type=OrganisationType.BELASTINGDIENST))
    analyst = make_member_actor(case, owner=director, organisation=tilburg, role=Role.RIEC_ANALIST, named=False)
    return World(tilburg, intake, case, director, police, outsider, analyst)


def signal_with(subjects: list[dict[str, Any]], actor: Actor | None = None) -> Signal:
    """A signal in Tilburg naming ``subjects`` (each a dict with ``kind`` and values)."""
    return make_signal(actor, subjects=subjects)


def case_subject(
    actor: Actor, case: Case, kind: str, values: dict[str, Any], *, regime: str = LegalRegime.AVG, **kwargs: Any
) -> Subject:
    return subject_add(actor=actor, case=case, kind=kind, values=values, regime=regime, **kwargs).subject
