# SPDX-License-Identifier: EUPL-1.2
"""The staff pages of signals (/meldingen/) in the authorization matrix.

Objects are made once per matrix test in the scope's organisation: a point in Tilburg routes to
Gemeente Eigen ("own"), a point in Amsterdam to Gemeente Ander ("other"). Every matrix call may change
state, so POST actions read the current version at call time and accept a re-rendered page (200) for a
move that an earlier call already made.
"""

import io
from datetime import date
from typing import Any

from PIL import Image

from tests.authz import Route, World
from weerbaar.accounts.constants import Role
from weerbaar.core.policy import Actor
from weerbaar.signals.attachments import ProcessedFile
from weerbaar.signals.constants import Status
from weerbaar.signals.meetings import meeting_create
from weerbaar.signals.models import Signal
from weerbaar.signals.services import signal_transition
from weerbaar.signals.tests.factories import AMSTERDAM_POINT, TILBURG_POINT, make_signal

VIEW = frozenset({Role.MELDPUNT, Role.SCHAKELTEAM, Role.CASUSREGISSEUR, Role.RIEC_ANALIST})
INTAKE = frozenset({Role.MELDPUNT})
WEIGH = frozenset({Role.SCHAKELTEAM})
EXPORT = frozenset({Role.MELDPUNT, Role.CASUSREGISSEUR})

CHECK_DATA = {
    "kind": "1",
    "purpose": "Nagaan wie het perceel gebruikt.",
    "necessity": "Zonder bronnen geen beeld.",
    "proportionality": "Beperkt tot het perceel.",
    "subsidiarity": "Geen lichter middel.",
    "retention": "Vijf jaar na afronding.",
    "conclusion_positive": "ja",
}


def _photo() -> ProcessedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (120, 90, 40)).save(out, format="JPEG")
    return ProcessedFile(out.getvalue(), "image/jpeg", "jpg")


def _point(scope: str) -> Any:
    return TILBURG_POINT if scope == "own" else AMSTERDAM_POINT


def _staff(world: World, scope: str) -> Actor:
    return Actor(user=world.subject_user[scope], organisation=world.orgs[scope])


def _signal(world: World, scope: str) -> Signal:
    return world.once(f"signal-{scope}", lambda: make_signal(point=_point(scope), attachments=[_photo()]))


def _qualified(world: World, scope: str) -> Signal:
    def make() -> Signal:
        signal = make_signal(point=_point(scope))
        return signal_transition(actor=_staff(world, scope), signal=signal, to_status=Status.GEKWALIFICEERD)

    return world.once(f"qualified-{scope}", make)


def _signal_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _signal(world, scope).uuid}


def _qualified_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _qualified(world, scope).uuid}


def _attachment_kwargs(world: World, scope: str) -> dict[str, Any]:
    signal = _signal(world, scope)
    return {"uuid": signal.uuid, "attachment_uuid": signal.attachments.get().uuid}


def _meeting_kwargs(world: World, scope: str) -> dict[str, Any]:
    meeting = world.once(f"meeting-{scope}", lambda: meeting_create(actor=_staff(world, scope), on=date(2026, 3, 2)))
    return {"uuid": meeting.uuid}


def _version(signal: Signal) -> int:
    return Signal.objects.get(pk=signal.pk).version


def _with_version(fields: dict[str, str], qualified: bool = False) -> Any:
    def data(world: World, scope: str) -> dict[str, Any]:
        signal = _qualified(world, scope) if qualified else _signal(world, scope)
        return {**fields, "version": _version(signal)}

    return data


def _b(roles: frozenset[str], **options: Any) -> Route:
    return Route("roles", roles, **options)


SPEC: dict[str, Route] = {
    "signals:list": _b(VIEW),
    "signals:map": _b(VIEW),
    "signals:map_data": _b(VIEW),
    "signals:overdue": _b(VIEW),
    "signals:meetings": _b(WEIGH),
    "signals:meeting_create": _b(WEIGH, method="post", ok=(302,), data=lambda world, scope: {"date": "2026-03-16"}),
    "signals:meeting": _b(WEIGH, scoped="strict", kwargs=_meeting_kwargs),
    "signals:detail": _b(VIEW, scoped="strict", kwargs=_signal_kwargs),
    "signals:attachment": _b(VIEW, scoped="strict", kwargs=_attachment_kwargs),
    "signals:transition": _b(
        INTAKE,
        method="post",
        ok=(200, 302),
        scoped="strict",
        kwargs=_signal_kwargs,
        data=_with_version({"to_status": Status.GEKWALIFICEERD}),
    ),
    "signals:weigh": _b(
        WEIGH,
        method="post",
        ok=(200, 302),
        scoped="strict",
        kwargs=_qualified_kwargs,
        data=_with_version({"outcome": Status.GEEN_ACTIE, "reasoning": "Te vaag."}, qualified=True),
    ),
    "signals:privacy_check": _b(
        INTAKE, method="post", ok=(302,), scoped="strict", kwargs=_signal_kwargs, data=_with_version(CHECK_DATA)
    ),
    "signals:message": _b(
        INTAKE,
        method="post",
        ok=(302,),
        scoped="strict",
        kwargs=_signal_kwargs,
        data=_with_version({"body": "Weet u op welke dag de vaten er kwamen?"}),
    ),
    "signals:legal_hold": _b(
        INTAKE,
        method="post",
        ok=(302,),
        scoped="strict",
        kwargs=_signal_kwargs,
        data=_with_version({"hold": "aan", "reason": "Lopend strafrechtelijk onderzoek."}),
    ),
    # A fresh signal: its retention has not started, so the page explains why it cannot be destroyed (200).
    "signals:destroy": _b(INTAKE, scoped="strict", kwargs=_signal_kwargs),
    "signals:drug_waste": _b(
        INTAKE,
        method="post",
        ok=(302,),
        scoped="strict",
        kwargs=_signal_kwargs,
        data=_with_version(
            {"dumping_type": "vaten", "police_reference": "PL2000-2026123456", "cleanup_costs": "1250.00"}
        ),
    ),
    "signals:subject_add": _b(
        INTAKE,
        method="post",
        ok=(302,),
        scoped="strict",
        kwargs=_signal_kwargs,
        data=_with_version({"kind": "voertuig", "plate": "AB-123-C", "source": "tekst"}),
    ),
    "signals:evidence": _b(
        EXPORT,
        method="post",
        ok=(200,),
        scoped="strict",
        kwargs=_signal_kwargs,
        data=lambda world, scope: {"purpose": "Claim provinciale vergoeding opruimkosten."},
    ),
}
