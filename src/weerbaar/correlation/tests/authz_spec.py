# SPDX-License-Identifier: EUPL-1.2
"""The correlation pages (/correlatie/) and the subject routes of signals and cases in the matrix.

The "own" objects: a signal of Gemeente Eigen (a point in Tilburg) naming a person and a vehicle, and an
access inquiry about that person; "other" the same in Amsterdam (Gemeente Ander). A subject of a signal
is visible to the signal's readers of the intake organisation only; every other role holding
``correlation.view`` gets 404 on it, like every other organisation.
"""

from typing import Any

from tests.authz import Route, World
from weerbaar.accounts.constants import Role
from weerbaar.cases.tests.authz_spec_api import CASE_READERS
from weerbaar.cases.tests.authz_spec_api import _case_kwargs as _case_kwargs
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.models import AccessInquiry, Exclusion, Subject
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.models import Signal
from weerbaar.signals.tests.factories import AMSTERDAM_POINT, TILBURG_POINT, make_signal

SIGNAL_READERS = frozenset({Role.MELDPUNT, Role.SCHAKELTEAM, Role.CASUSREGISSEUR, Role.RIEC_ANALIST})
VIEW = SIGNAL_READERS | {Role.PROGRAMMAMANAGER, Role.PARTNERVERTEGENWOORDIGER}
ANALYSTS = frozenset({Role.CASUSREGISSEUR, Role.RIEC_ANALIST})
MANAGE = frozenset({Role.RIEC_ANALIST})
INTAKE = frozenset({Role.MELDPUNT})

PERSON = {"kind": SubjectKind.PERSOON, "given_names": "Kees", "surname": "Smit", "birth_date": "1975-05-05"}
VEHICLE = {"kind": SubjectKind.VOERTUIG, "plate": "GH-456-J"}


def _signal(world: World, scope: str) -> Signal:
    point = TILBURG_POINT if scope == "own" else AMSTERDAM_POINT
    signal: Signal = world.once(f"corr-signal-{scope}", lambda: make_signal(point=point, subjects=[PERSON, VEHICLE]))
    return signal


def _person(world: World, scope: str) -> Subject:
    return Subject.objects.get(signal=_signal(world, scope), kind=SubjectKind.PERSOON)


def _vehicle(world: World, scope: str) -> Subject:
    return Subject.objects.get(signal=_signal(world, scope), kind=SubjectKind.VOERTUIG)


def _subject_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _person(world, scope).uuid}


def _network_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"kind": "melding", "uuid": _signal(world, scope).uuid}


def _inquiry_kwargs(world: World, scope: str) -> dict[str, Any]:
    def create() -> AccessInquiry:
        from weerbaar.cases.tests.factories import make_case_user, make_organisation

        asker_org = make_organisation(f"Vragende organisatie {scope}", type=OrganisationType.POLITIE)
        asker = make_case_user(organisation=asker_org)
        return AccessInquiry.objects.create(
            subject=_person(world, scope), requester=asker, organisation=asker_org, reason="Zelfde persoon"
        )

    inquiry: AccessInquiry = world.once(f"corr-inquiry-{scope}", create)
    return {"uuid": inquiry.uuid}


def _exclusion_kwargs(world: World, scope: str) -> dict[str, Any]:
    exclusion = Exclusion.objects.filter(label=f"Bedrijvencentrum {scope}").first()
    if exclusion is None:  # an earlier allowed call removed it
        exclusion = Exclusion.objects.create(
            kind=SubjectKind.ADRES, value=f"50{'11' if scope == 'own' else '22'}AB|1", label=f"Bedrijvencentrum {scope}"
        )
    return {"uuid": exclusion.uuid}


def _judge_data(world: World, scope: str) -> dict[str, Any]:
    return {"other": str(_vehicle(world, scope).uuid), "verdict": "onzeker", "reason": "Ander soort."}


def _api_judge_data(world: World, scope: str) -> dict[str, Any]:
    return {"ander": str(_vehicle(world, scope).uuid), "oordeel": "onzeker", "reden": "Ander soort."}


def _b(roles: frozenset[str], **options: Any) -> Route:
    return Route("roles", roles, **options)


def _on_subject(roles: frozenset[str], **options: Any) -> Route:
    """A route on a subject of a signal: only the signal's readers of its intake organisation see it."""
    return _b(roles, scoped="strict", object_roles=roles & SIGNAL_READERS, **options)


SPEC: dict[str, Route] = {
    "correlation:overview": _b(VIEW),
    "correlation:screening": _b(ANALYSTS),
    "correlation:subject": _on_subject(VIEW, kwargs=_subject_kwargs),
    # Judging a person against a vehicle is refused by the service: the page is shown again with the reason.
    "correlation:judge": _on_subject(ANALYSTS, method="post", ok=(400,), kwargs=_subject_kwargs, data=_judge_data),
    # Without a real hit there is nothing to ask access for: the page says so (400), revealing nothing.
    "correlation:request_access": _on_subject(
        VIEW,
        method="post",
        ok=(400,),
        kwargs=_subject_kwargs,
        data=lambda world, scope: {"token": "0" * 32, "reason": "Onderzoek"},
    ),
    "correlation:inquiry_answer": _on_subject(
        VIEW,
        method="post",
        ok=(302, 400),
        kwargs=_inquiry_kwargs,
        data=lambda world, scope: {"grant": "nee", "answer": "Wij delen niet."},
    ),
    "correlation:network": _on_subject(VIEW, kwargs=_network_kwargs),
    "correlation:network_export": _on_subject(
        VIEW,
        method="post",
        kwargs=_network_kwargs,
        data=lambda world, scope: {"purpose": "Voorbereiding casusoverleg."},
    ),
    "correlation:exclusions": _b(MANAGE),
    "correlation:exclusion_remove": _b(MANAGE, method="post", ok=(302,), kwargs=_exclusion_kwargs),
    "correlation:resolve": _b(MANAGE, method="post", ok=(302,)),
    "api:subjecten-zoeken": _b(
        ANALYSTS,
        api=True,
        method="post",
        data=lambda world, scope: {"soort": "persoon", "achternaam": "Smit", "doel": "Bibob quick scan"},
    ),
    "api:subjecten-detail": _on_subject(VIEW, api=True, kwargs=_subject_kwargs),
    "api:subjecten-oordelen": _on_subject(
        ANALYSTS, api=True, method="post", ok=(400,), kwargs=_subject_kwargs, data=_api_judge_data
    ),
    "api:subjecten-toegangsverzoeken": _on_subject(
        VIEW,
        api=True,
        method="post",
        ok=(400,),
        kwargs=_subject_kwargs,
        data=lambda world, scope: {"verzoekVia": "0" * 32, "reden": "Onderzoek"},
    ),
    "api:meldingen-betrokkenen": _on_subject(
        INTAKE,
        api=True,
        method="post",
        ok=(201,),
        kwargs=lambda world, scope: {"uuid": _signal(world, scope).uuid},
        data=lambda world, scope: {"soort": "telefoon", "telefoonnummer": "06 12345678"},
    ),
    "api:meldingen-netwerk": _on_subject(
        VIEW, api=True, kwargs=lambda world, scope: {"uuid": _signal(world, scope).uuid}
    ),
    # A case's routes: every role reading cases is a member through Gemeente Eigen's own membership.
    "api:casussen-betrokkenen": _b(
        VIEW,
        api=True,
        method="post",
        ok=(201,),
        scoped="strict",
        object_roles=CASE_READERS,
        kwargs=_case_kwargs,
        data=lambda world, scope: {"soort": "kenteken", "kenteken": "AB-123-C"} | {"soort": "voertuig"},
    ),
    "api:casussen-netwerk": _b(VIEW, api=True, scoped="strict", object_roles=CASE_READERS, kwargs=_case_kwargs),
}
