# SPDX-License-Identifier: EUPL-1.2
"""Signals as a correlation context: who may see a signal's subjects, and how a hit on one is told.

A signal's subjects are visible exactly where the signal is: to screened staff of its intake
organisation (``signals.view``). A hit tells anyone else "a signal of organisation X"; asking for access
files an inquiry with the intake team, who decide whether and how to share (e.g. through a case).
"""

from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.constants import ContextKind
from weerbaar.correlation.contexts import ContextRef, register_context
from weerbaar.correlation.models import Subject
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.signals.models import Signal
from weerbaar.signals.services import intake_recipients

_NOTHING = Q(pk__in=[])


class SignalContext:
    kind = ContextKind.MELDING.value
    field = "signal"

    def visible(self, actor: Actor) -> Q:
        if not can(actor, Perm.SIGNALS_VIEW) or actor.organisation_id is None:
            return _NOTHING
        return Q(signal__organisation_id=actor.organisation_id)

    def exportable(self, actor: Actor) -> Q:
        if not can(actor, Perm.SIGNALS_EXPORT) or actor.organisation_id is None:
            return _NOTHING
        return Q(signal__organisation_id=actor.organisation_id)

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
            out[item.pk] = ContextRef(
                kind=self.kind,
                kind_label=gettext_lazy("signal"),
                key=f"{self.kind}:{signal.uuid}",
                organisation_id=signal.organisation_id,
                organisation_name=signal.organisation.name if signal.organisation else "",
                uuid=signal.uuid if full else None,
                label=(signal.number or "") if full else "",
                url=reverse("signals:detail", kwargs={"uuid": signal.uuid}) if full else "",
            )
        return out

    def request_access(self, actor: Actor, subject: Subject, reason: str) -> None:
        from weerbaar.correlation.services import inquiry_create

        signal = Signal.objects.get(pk=subject.signal_id)
        inquiry_create(
            actor=actor,
            subject=subject,
            reason=reason,
            recipients=intake_recipients(signal),
            number=signal.number or "",
        )

    def notify(self, subject: Subject) -> None:
        signal = Signal.objects.get(pk=subject.signal_id)
        for recipient in intake_recipients(signal):
            outbox_enqueue(
                recipient=recipient,
                subject=_("A new correlation in Weerbaar"),
                body=_(
                    "A subject of signal %(number)s also appears elsewhere in Weerbaar. Log in to Weerbaar to see "
                    "the correlation."
                )
                % {"number": signal.number},
            )


register_context(SignalContext())
