# SPDX-License-Identifier: EUPL-1.2
"""Cases as a correlation context: a case item's subjects are visible exactly where the item is.

That is: to an active member of the case (need-to-know), and of the items there only those the member may
see — its own, police data (Wpg) only after the written assessment, consent-bound items only with the
supplier's consent (``selectors.case_items_visible``, expressed here as one filter over subjects). A hit
tells anyone else "a case of organisation X"; asking for access files a case access request, which the
directing organisation decides.
"""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.accounts.constants import Perm
from weerbaar.cases.models import Case, ItemConsent
from weerbaar.cases.selectors import case_get, memberships_of
from weerbaar.cases.services._common import director_emails
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.constants import ContextKind, SubjectSource
from weerbaar.correlation.contexts import ContextRef, context_key, register_context
from weerbaar.correlation.models import Subject
from weerbaar.notifications.services import outbox_enqueue

_NOTHING = Q(pk__in=[])


def _item_visible(actor: Actor) -> Q:
    """Subjects of items the actor's organisation may see, in cases it is an active member of."""
    if not can(actor, Perm.CASES_VIEW) or actor.organisation_id is None:
        return _NOTHING
    case_ids = list(memberships_of(actor=actor).values_list("case_id", flat=True).distinct())
    if not case_ids:
        return _NOTHING
    consented = Exists(
        ItemConsent.objects.filter(item_id=OuterRef("case_item_id"), organisation_id=actor.organisation_id)
    )
    own = Q(case_item__supplier_id=actor.organisation_id)
    shown = (Q(case_item__consent_required=False) | Q(consented)) & (
        ~Q(case_item__regime=LegalRegime.WPG) | ~Q(case_item__case__assessment="")
    )
    return Q(case_item__case_id__in=case_ids) & (own | shown)


class CaseContext:
    kind = ContextKind.CASUS.value
    field = "case_item"

    def get(self, actor: Actor, uuid: UUID | str) -> ContextRef | None:
        case = case_get(actor=actor, uuid=uuid)
        return self._ref(case, full=True) if case is not None else None

    def subjects_in(self, uuid: UUID | str) -> Q:
        return Q(case_item__case__uuid=uuid)

    def visible(self, actor: Actor) -> Q:
        return _item_visible(actor)

    def exportable(self, actor: Actor) -> Q:
        export_consent = Exists(ItemConsent.objects.filter(item_id=OuterRef("case_item_id"), export=True))
        return _item_visible(actor) & (Q(case_item__consent_required=False) | Q(export_consent))

    def describe(self, subjects: Iterable[Subject], *, full: bool) -> dict[int, ContextRef]:
        items = list(subjects)
        rows = Subject.objects.filter(pk__in=[i.pk for i in items]).values_list("pk", "case_item__case_id")
        case_of = dict(rows)
        by_id = {c.pk: c for c in Case.objects.filter(pk__in=set(case_of.values())).select_related("owner")}
        out: dict[int, ContextRef] = {}
        for item in items:
            case = by_id.get(case_of.get(item.pk) or -1)
            if case is None:
                continue
            out[item.pk] = self._ref(case, full=full)
        return out

    def _ref(self, case: Case, *, full: bool) -> ContextRef:
        return ContextRef(
            kind=self.kind,
            kind_label=gettext_lazy("case"),
            key=context_key(self.kind, case.uuid, full=full),
            organisation_id=case.owner_id,
            organisation_name=case.owner.name,
            uuid=case.uuid if full else None,
            label=f"{case.number} — {case.title}" if full else "",
            url=reverse("cases:detail", kwargs={"uuid": case.uuid}) if full else "",
        )

    def may_request_access(self, actor: Actor) -> bool:
        return can(actor, Perm.CASES_VIEW)

    def request_access(self, actor: Actor, subject: Subject, reason: str) -> None:
        from weerbaar.cases.services import access_request_create

        case = Case.objects.get(items__subjects=subject)
        try:
            access_request_create(actor=actor, case=case, reason=reason)
        except (ValidationError, PermissionDenied):
            # An open request exists already, or the case is closed: the answer to the requester stays the
            # same, so the reply cannot be used to learn more about the case.
            return

    def add_subject(
        self, actor: Actor, uuid: UUID | str, kind: str, values: dict[str, Any], provenance: dict[str, Any]
    ) -> Subject:
        from weerbaar.cases.services import subject_add

        case = case_get(actor=actor, uuid=uuid)
        if case is None:
            raise PermissionDenied
        return subject_add(
            actor=actor,
            case=case,
            kind=kind,
            values=values,
            regime=provenance.get("regime") or LegalRegime.AVG,
            consent_required=bool(provenance.get("consent_required")),
            source=provenance.get("source", SubjectSource.API),
            source_detail=provenance.get("source_detail", ""),
        ).subject

    def notify(self, subject: Subject) -> None:
        case = Case.objects.get(items__subjects=subject)
        for recipient in director_emails(case):
            outbox_enqueue(
                recipient=recipient,
                subject=_("A new correlation in Weerbaar"),
                body=_(
                    "A subject of case %(number)s also appears elsewhere in Weerbaar. Log in to Weerbaar to see "
                    "the correlation."
                )
                % {"number": case.number},
            )


register_context(CaseContext())
