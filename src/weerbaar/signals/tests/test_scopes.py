# SPDX-License-Identifier: EUPL-1.2
"""The signal rules of ``scopes.py`` agree with themselves everywhere they are used, on random worlds.

Each example builds municipalities on Weerbaar (or not, so a signal may have no intake team), a private
partner, people with random roles (screened or not), signals reported by random people or anonymously in
random municipalities, some naming a subject, and schakelteam meetings. Then, for every (actor, signal):
the permission rules, the selectors, the correlation provider and the export agree with membership in
the list-level filters — both ways.
"""

from functools import partial
from itertools import count
from typing import Any

from django.utils import timezone
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.scopes import assert_meetings_agree, make_person
from tests.subjects import assert_subjects_agree
from weerbaar.accounts.constants import Perm, Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.models import Subject
from weerbaar.geo.models import Municipality
from weerbaar.geo.services import geography_load
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.organisations.services import organisation_create
from weerbaar.signals import scopes
from weerbaar.signals.constants import Channel, LocationKind, Phenomenon, Status
from weerbaar.signals.meetings import meeting_create
from weerbaar.signals.models import SchakelteamMeeting, Signal
from weerbaar.signals.selectors import (
    meeting_get,
    meeting_list,
    signal_get,
    signal_get_reported_by,
    signal_list,
    signal_list_reported_by,
)
from weerbaar.signals.services import SignalInput, signal_create, signal_transition

ROLES = [
    Role.MELDPUNT,
    Role.SCHAKELTEAM,
    Role.CASUSREGISSEUR,
    Role.RIEC_ANALIST,
    Role.PARTNERVERTEGENWOORDIGER,
    Role.MEDEWERKER,
]
#: Tilburg and Breda may have their own organisation on Weerbaar; Amsterdam never has in these worlds.
MUNICIPALITIES = ["GM0855", "GM0758", "GM0363"]
ORG_KINDS = ["tilburg", "breda", "gemeente", "private"]
_seq = count(1)
_person = partial(make_person, label="Melding")

world = st.fixed_dictionaries(
    {
        "orgs": st.lists(st.sampled_from(ORG_KINDS), min_size=1, max_size=3),
        "people": st.lists(st.tuples(st.integers(0, 2), st.sampled_from(ROLES), st.booleans()), min_size=1, max_size=5),
        # (reporter: an index into the people, or None for anonymous; municipality; names a subject; qualified)
        "signals": st.lists(
            st.tuples(
                st.none() | st.integers(0, 4),
                st.integers(0, len(MUNICIPALITIES) - 1),
                st.booleans(),
                st.booleans(),
            ),
            min_size=1,
            max_size=4,
        ),
        "meeting": st.booleans(),
    }
)


def _organisation(kind: str) -> Organisation:
    name = f"Organisatie {next(_seq)}"
    if kind == "private":
        return organisation_create(actor=None, name=name, type=OrganisationType.AGRARISCH)
    municipality = {"tilburg": "GM0855", "breda": "GM0758"}.get(kind)
    fields = {"municipality": Municipality.objects.get(code=municipality)} if municipality else {}
    return organisation_create(actor=None, name=name, type=OrganisationType.GEMEENTE, **fields)


def _build(plan: dict[str, Any]) -> tuple[list[Actor], list[Signal]]:
    orgs = [_organisation(kind) for kind in plan["orgs"]]
    # Tilburg's intake team is always there, so most worlds have signals someone handles.
    orgs.insert(0, _organisation("tilburg"))
    intake = actor_for(user=_person(orgs[0], Role.MELDPUNT, True))
    actors = [intake]
    actors += [actor_for(user=_person(orgs[i % len(orgs)], role, screened)) for i, role, screened in plan["people"]]
    signals: list[Signal] = []
    for reporter_index, municipality_index, with_subject, qualified in plan["signals"]:
        reporter = None if reporter_index is None else actors[reporter_index % len(actors)]
        data = SignalInput(
            channel=Channel.ANONIEM if reporter is None else Channel.MEDEWERKER,
            phenomenon=Phenomenon.DRUGSAFVALDUMPING,
            description="Vaten met een chemische geur langs de bosrand (synthetisch).",
            location_kind=LocationKind.GEBIED,
            municipality=Municipality.objects.get(code=MUNICIPALITIES[municipality_index]),
            subjects=[{"kind": "voertuig", "plate": f"AB12{len(signals)}C"}] if with_subject else [],
        )
        signal, _receipt = signal_create(actor=reporter, data=data)
        handler = next((a for a in actors if can(a, Perm.SIGNALS_INTAKE, signal)), None)
        if qualified and handler is not None:
            signal = signal_transition(actor=handler, signal=signal, to_status=Status.GEKWALIFICEERD, reason="")
        signals.append(signal)
    if plan["meeting"]:
        chair = next((a for a in actors if can(a, Perm.SIGNALS_WEIGH)), None)
        if chair is not None:
            meeting_create(actor=chair, on=timezone.localdate())
    return actors, signals


class SignalScopeAgreement(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        geography_load()

    @settings(max_examples=40, deadline=None)
    @given(plan=world)
    def test_the_rules_agree_everywhere(self, plan: dict[str, Any]) -> None:
        actors, signals = _build(plan)
        for actor in actors:
            listed = set(signal_list(actor=actor))
            followed = set(signal_list_reported_by(actor=actor))
            of_intake = set(Signal.objects.filter(scopes.signal_of_intake(actor)))
            exportable = set(Signal.objects.filter(scopes.signal_exportable(actor)))
            weighable = set(Signal.objects.filter(scopes.signal_weighable(actor)))
            for signal in signals:
                visible = signal in listed
                event(f"visible: {visible}")
                assert can(actor, Perm.SIGNALS_VIEW, signal) == visible
                assert (signal_get(actor=actor, uuid=signal.uuid) is not None) == visible
                assert Signal.objects.filter(scopes.signal_visible(actor), pk=signal.pk).exists() == visible
                assert can(actor, Perm.SIGNALS_EXPORT, signal) == (signal in exportable)
                assert can(actor, Perm.SIGNALS_WEIGH, signal) == (signal in weighable)
                assert can(actor, Perm.SIGNALS_INTAKE, signal) == (
                    can(actor, Perm.SIGNALS_INTAKE) and signal in of_intake
                )
                own = signal in followed
                assert can(actor, Perm.SIGNALS_VIEW_OWN, signal) == own
                assert (signal_get_reported_by(actor=actor, uuid=signal.uuid) is not None) == own
                assert scopes.is_reporter(actor, signal) == (signal.reporter_id is not None and own)
                assert_subjects_agree(
                    actor, Subject.objects.filter(signal=signal), visible=visible, exportable=signal in exportable
                )
            assert_meetings_agree(
                actor,
                SchakelteamMeeting.objects.all(),
                listed=meeting_list(actor=actor),
                get=meeting_get,
                is_visible=scopes.meeting_is_visible,
            )
