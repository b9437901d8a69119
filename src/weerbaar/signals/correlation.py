# SPDX-License-Identifier: EUPL-1.2
"""Signals as a correlation context: who may see a signal's subjects, and how a hit on one is told.

A signal's subjects are visible exactly where the signal is: to screened staff of its intake
organisation (``signals.view``), by the very filter of ``scopes.py`` seen through ``signal__``. A hit
tells anyone else "a signal of organisation X"; asking for access files an inquiry with the intake team,
who decide whether and how to share (e.g. through a case).
"""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.constants import ContextKind, SubjectSource
from weerbaar.correlation.contexts import ContextRef, context_key, register_context
from weerbaar.correlation.models import Subject
from weerbaar.signals.models import Signal
from weerbaar.signals.scopes import signal_exportable, signal_visible
from weerbaar.signals.selectors import signal_get
from weerbaar.signals.services import intake_recipients, intake_team_emails


class SignalContext:
    kind = ContextKind.MELDING.value
    field = "signal"

    def get(self, actor: Actor, uuid: UUID | str) -> ContextRef | None:
        signal = signal_get(actor=actor, uuid=uuid)
        if signal is None:
            return None
        return self._ref(signal, full=True)

    def subjects_in(self, uuid: UUID | str) -> Q:
        return Q(signal__uuid=uuid)

    def visible(self, actor: Actor) -> Q:
        return signal_visible(actor, prefix="signal__")

    def exportable(self, actor: Actor) -> Q:
        return signal_exportable(actor, prefix="signal__")

    def describe(self, subjects: Iterable[Subject], *, full: bool) -> dict[int, ContextRef]:
        items = list(subjects)
        signals = {
            s.pk: s for s in Signal.objects.filter(pk__in={i.signal_id for i in items}).select_related("organisation")
        }
        out: dict[int, ContextRef] = {}
        for item in items:
            signal = signals.get(item.signal_id or -1)
            if signal is None:
                continue
            out[item.pk] = self._ref(signal, full=full)
        return out

    def _ref(self, signal: Signal, *, full: bool) -> ContextRef:
        return ContextRef(
            kind=self.kind,
            kind_label=gettext_lazy("signal"),
            key=context_key(self.kind, signal.uuid, full=full),
            organisation_id=signal.organisation_id,
            organisation_name=signal.organisation.name if signal.organisation else "",
            uuid=signal.uuid if full else None,
            label=(signal.number or "") if full else "",
            url=reverse("signals:detail", kwargs={"uuid": signal.uuid}) if full else "",
        )

    def may_request_access(self, actor: Actor) -> bool:
        return can(actor, Perm.CORRELATION_VIEW)

    def request_access(self, actor: Actor, subject: Subject, reason: str) -> None:
        from weerbaar.correlation.services import inquiry_create

        signal = Signal.objects.get(subjects=subject)
        inquiry_create(
            actor=actor,
            subject=subject,
            reason=reason,
            recipients=intake_recipients(signal),
            number=signal.number or "",
        )

    def add_subject(
        self, actor: Actor, uuid: UUID | str, kind: str, values: dict[str, Any], provenance: dict[str, Any]
    ) -> Subject:
        from weerbaar.signals.services import signal_subject_add

        signal = signal_get(actor=actor, uuid=uuid)
        if signal is None:
            raise PermissionDenied
        return signal_subject_add(
            actor=actor,
            signal=signal,
            kind=kind,
            values=values,
            source=provenance.get("source", SubjectSource.API),
            source_detail=provenance.get("source_detail", ""),
        ).subject

    def notice_recipients(self, *, entity_id: int, new: Subject) -> dict[str, list[str]]:
        # One lookup of the intake team per organisation, however many of its signals name the entity.
        rows = (
            Signal.objects.filter(subjects__entity_id=entity_id)
            .exclude(pk=new.signal_id or -1)
            .values_list("organisation_id", "number")
            .distinct()
        )
        numbers: dict[int | None, set[str]] = {}
        for organisation, number in rows:
            numbers.setdefault(organisation, set()).add(_("signal %(number)s") % {"number": number})
        out: dict[str, list[str]] = {}
        for intake_organisation, labels in numbers.items():
            for recipient in intake_team_emails(intake_organisation):
                out.setdefault(recipient, []).extend(labels)
        return out


register_context(SignalContext())
