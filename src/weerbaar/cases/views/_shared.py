# SPDX-License-Identifier: EUPL-1.2
"""What every case page shares: the scoped lookup (404 outside need-to-know) and the choice lists."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy

from weerbaar.cases.constants import CaseStatus
from weerbaar.cases.models import Case, CaseItem, Intervention, Membership
from weerbaar.cases.selectors import case_get, case_members
from weerbaar.core.policy import Actor, actor_of
from weerbaar.organisations.models import Organisation

#: Dutch: "Iemand anders heeft deze casus intussen gewijzigd. Uw wijziging is niet opgeslagen; ..."
STALE_MESSAGE = gettext_lazy(
    "Someone else has changed this case in the meantime. Your change has not been saved; "
    "check the current details below and try again."
)
#: A member without the right for this action (e.g. consenting to another organisation's item).
NOT_YOURS_MESSAGE = gettext_lazy("Your organisation may not do this in this case.")


def case_or_404(request: HttpRequest, uuid: object) -> Case:
    """The case if the actor is a member (need-to-know); otherwise 404 — its existence stays hidden."""
    case = case_get(actor=actor_of(request), uuid=str(uuid))
    if case is None:
        raise Http404
    return case


def may_consent(actor: Actor, case: Case, item: CaseItem) -> bool:
    """The supplier gives consent for its own items that need it, while the case is open."""
    return item.supplier_id == actor.organisation_id and item.consent_required and case.status != CaseStatus.AFGESLOTEN


def carries_out(actor: Actor, case: Case, intervention: Intervention) -> bool:
    """The organisation that carries out an intervention marks its steps and records its result (case open)."""
    return intervention.owner_id == actor.organisation_id and case.status != CaseStatus.AFGESLOTEN


def member_organisations(actor: Actor, case: Case) -> list[Organisation]:
    """The active member organisations of the case (organisation-level and named members), by name."""
    seen: dict[int, Organisation] = {}
    for membership in case_members(actor=actor, case=case):
        seen.setdefault(membership.organisation_id, membership.organisation)
    return sorted(seen.values(), key=lambda org: org.name)


def organisation_choices(organisations: list[Organisation]) -> list[tuple[str, str]]:
    return [(str(org.uuid), org.name) for org in organisations]


def consent_choices(organisations: list[Organisation], item: CaseItem) -> list[tuple[str, str]]:
    """Whom the supplier can consent to: the other members (it always sees its own items)."""
    return organisation_choices([org for org in organisations if org.pk != item.supplier_id])


def member_organisation(actor: Actor, case: Case, uuid: object) -> Organisation | None:
    return next((org for org in member_organisations(actor, case) if str(org.uuid) == str(uuid)), None)


def invitable_organisations(actor: Actor, case: Case) -> list[Organisation]:
    """Public organisations the owner may invite: active, not private, not already an organisation member."""
    active = {m.organisation_id for m in case_members(actor=actor, case=case) if m.user_id is None}
    return [
        org
        for org in Organisation.objects.filter(is_active=True).order_by("name")
        if not org.is_private and org.pk not in active
    ]


def membership_label(membership: Membership) -> str:
    if membership.user is not None:
        return f"{membership.user.display_name} ({membership.organisation.name})"
    return membership.organisation.name
