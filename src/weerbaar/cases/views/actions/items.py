# SPDX-License-Identifier: EUPL-1.2
"""What members bring in: items with their provenance, consent to share them (on a page of its own for
each item), subjects."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.cases import services
from weerbaar.cases.forms import EXPORT, CaseSubjectForm, ConsentForm, ItemAddForm
from weerbaar.cases.models import Case, CaseItem
from weerbaar.cases.selectors import case_items_visible
from weerbaar.cases.views._shared import (
    case_or_404,
    consent_choices,
    may_consent,
    member_organisation,
    member_organisations,
    organisation_choices,
)
from weerbaar.cases.views.actions._base import act, action_key, own_page
from weerbaar.cases.views.detail import Action, current, render_action_page
from weerbaar.core.policy import Actor, access, actor_of, permission
from weerbaar.correlation.constants import SubjectSource
from weerbaar.correlation.forms import subject_values
from weerbaar.organisations.models import Organisation

CONSENT = Action(
    gettext_lazy("Give consent"),
    "cases:consent",
    gettext_lazy("Give consent"),
    gettext_lazy(
        "Your organisation supplied this item and asked to be consulted before it is shared. Consent lets one "
        "member organisation see it, or lets it go into the closure report and other exports."
    ),
    unavailable=gettext_lazy("Only the supplier of an item that needs consent gives it, while the case is open."),
)


def _consented(item: CaseItem) -> str:
    given = [
        _("export") if consent.export or consent.organisation is None else consent.organisation.name
        for consent in item.consents.select_related("organisation")
    ]
    return ", ".join(given) or _("none yet")


def _others(actor: Actor, members: list[Organisation]) -> list[Organisation]:
    """Consent goes to the other members: the actor's organisation supplies the item and always sees it."""
    return [org for org in members if org.pk != actor.organisation_id]


def _consent_to(members: list[Organisation], data: dict[str, Any]) -> list[Organisation] | None:
    """The members chosen on the form, or None when the item may be shared without asking consent."""
    if not data["consent_required"]:
        return None
    chosen = set(data["consent_to"])
    return [org for org in members if str(org.uuid) in chosen]


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_VIEW))
def case_item_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    actor = actor_of(request)
    members = member_organisations(actor, case)

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.item_add(
            actor=actor,
            case=case,
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            regime=data["regime"],
            consent_required=data["consent_required"],
            consent_to=_consent_to(members, data),
        )

    return act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key="item_form",
        make_form=lambda data: ItemAddForm(data, organisations=organisation_choices(_others(actor, members))),
        apply=apply,
        done=_("The item has been added with your organisation as its supplier."),
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_VIEW))
def case_consent_view(request: HttpRequest, uuid: str, item_uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    actor = actor_of(request)
    item = case_items_visible(actor=actor, case=case).select_related("supplier").filter(uuid=item_uuid).first()
    if item is None:
        raise Http404
    choices = consent_choices(member_organisations(actor, case), item)
    key = action_key("consent", item.uuid)

    def render_page(
        request: HttpRequest, case: Case, *, bound: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        case = current(case)
        form = (bound or {}).get(key)
        if form is None and may_consent(actor, case, item):
            form = ConsentForm(initial={"version": case.version}, organisations=choices, id_prefix=key)
        about = [
            (_("Item"), item.title),
            (_("Kind"), item.get_kind_display()),
            (_("Supplied by"), item.supplier.name),
            (_("Legal regime"), item.get_regime_display()),
        ]
        if item.supplier_id == actor.organisation_id:  # like the case page: only the supplier sees its consents
            about.append((_("Consent given"), _consented(item)))
        return render_action_page(request, case, action=CONSENT, form=form, view="consent", about=about, status=status)

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        if data["to"] == EXPORT:
            services.item_consent_grant(actor=actor, item=item, export=True)
        else:
            organisation = member_organisation(actor, case, data["to"])
            if organisation is None:
                raise ValidationError({"to": _("Choose a member organisation.")})
            services.item_consent_grant(actor=actor, item=item, organisation=organisation)

    return act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key=key,
        make_form=lambda data: ConsentForm(data, organisations=choices, id_prefix=key),
        apply=apply,
        done=_("Your consent has been recorded."),
        page=own_page(render_page),
    )


@require_POST
@access(permission(Perm.CASES_VIEW))
def case_subject_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    actor = actor_of(request)
    members = member_organisations(actor, case)

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.subject_add(
            actor=actor,
            case=case,
            kind=data["kind"],
            values=subject_values(data),
            regime=data["regime"],
            consent_required=data["consent_required"],
            consent_to=_consent_to(members, data),
            source=data.get("source") or SubjectSource.INVOER,
            source_detail=data.get("source_detail", ""),
        )

    return act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key="subject_form",
        make_form=lambda data: CaseSubjectForm(data, organisations=organisation_choices(_others(actor, members))),
        apply=apply,
        done=_("The subject has been added and compared with the other signals and cases."),
    )
