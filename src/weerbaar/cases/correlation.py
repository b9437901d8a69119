# SPDX-License-Identifier: EUPL-1.2
"""Cases as a correlation context: a case item's subjects are visible exactly where the item is.

That is: to an active member of the case (need-to-know), and of the items there only those the member may
see — its own, police data (Wpg) only after the written assessment, consent-bound items only with the
supplier's consent (``scopes.case_item_visible``, the very filter the case page uses, seen through
``case_item__``). A hit tells anyone else "a case of organisation X"; asking for access files a case access
request, which the directing organisation decides.
"""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.accounts.constants import Perm
from weerbaar.cases.models import Case
from weerbaar.cases.scopes import case_item_exportable, case_item_visible
from weerbaar.cases.selectors import case_get
from weerbaar.cases.services._common import director_emails
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.constants import ContextKind, SubjectSource
from weerbaar.correlation.contexts import ContextRef, context_key, register_context
from weerbaar.correlation.models import Subject


class CaseContext:
    kind = ContextKind.CASUS.value
    field = "case_item"

    def get(self, actor: Actor, uuid: UUID | str) -> ContextRef | None:
        case = case_get(actor=actor, uuid=uuid)
        return self._ref(case, full=True) if case is not None else None

    def subjects_in(self, uuid: UUID | str) -> Q:
        return Q(case_item__case__uuid=uuid)

    def visible(self, actor: Actor) -> Q:
        return case_item_visible(actor, prefix="case_item__")

    def exportable(self, actor: Actor) -> Q:
        return case_item_exportable(actor, prefix="case_item__")

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

        # A closed case answers the request at once with a refusal (see access_request_create).
        case = Case.objects.get(items__subjects=subject)
        try:
            access_request_create(actor=actor, case=case, reason=reason)
        except (ValidationError, PermissionDenied):
            # An open request exists already: the answer to the requester stays the same, so the reply
            # cannot be used to learn more about the case.
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

    def notice_recipients(self, *, entity_id: int, new: Subject) -> dict[str, list[str]]:
        own_case = new.case_item.case_id if new.case_item is not None else None
        cases = Case.objects.filter(items__subjects__entity_id=entity_id).exclude(pk=own_case or -1).distinct()
        out: dict[str, list[str]] = {}
        for case in cases:
            for recipient in director_emails(case):
                out.setdefault(recipient, []).append(_("case %(number)s") % {"number": case.number})
        return out


register_context(CaseContext())
