# SPDX-License-Identifier: EUPL-1.2
"""The support pages in the authorization matrix.

The public form is for everyone. Every desk page answers 404 to every role but the trusted contact
(``vertrouwenspersoon``) — enforcement roles included — rather than 403, so a refusal reveals nothing. The
"own" desk belongs to Gemeente Eigen: a trusted contact registered there, covering Tilburg, with a
provider, a confidential report and a referral. A trusted contact acting for any other home (the other
municipality, the platform operator, a private partner) gets 404 on those objects: they belong to another
desk. ``test_no_leak.py`` walks the demo's enforcement users through every page.
"""

from typing import Any

from django.utils import timezone

from tests.authz import ALL_ROLES, Route, World
from weerbaar.accounts.constants import Role
from weerbaar.geo.models import Municipality
from weerbaar.support import services
from weerbaar.support.constants import ConsentMethod, ReferralStatus, ReportStatus
from weerbaar.support.models import ApproachedReport, Referral
from weerbaar.support.tests.factories import Desk, approached_input, make_desk, referral_input

DESK = frozenset({Role.VERTROUWENSPERSOON})


def _desk(world: World, scope: str) -> Desk:
    def create() -> Desk:
        code = world.orgs[scope].municipality.code
        return make_desk(world.orgs[scope], codes=(code,))

    desk: Desk = world.once(f"desk-{scope}", create)
    return desk


def _report(world: World, scope: str) -> ApproachedReport:
    def create() -> ApproachedReport:
        desk = _desk(world, scope)
        municipality = Municipality.objects.get(pk=world.orgs[scope].municipality_id)
        submitted = services.approached_submit(data=approached_input(municipality=municipality, share_identity=True))
        report = ApproachedReport.objects.get(reference=submitted.reference)
        assert report.trusted_contact_id == desk.contact.pk
        return report

    report: ApproachedReport = world.once(f"report-{scope}", create)
    return report


def _referral(world: World, scope: str) -> Referral:
    def create() -> Referral:
        desk = _desk(world, scope)
        return services.referral_create(actor=desk.actor, data=referral_input(desk), report=_report(world, scope))

    referral: Referral = world.once(f"referral-{scope}", create)
    return referral


def _report_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _report(world, scope).uuid}


def _referral_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _referral(world, scope).uuid}


def _version(obj: ApproachedReport | Referral) -> int:
    return type(obj).objects.get(pk=obj.pk).version


def _report_status_data(world: World, scope: str) -> dict[str, Any]:
    return {"version": _version(_report(world, scope)), "to_status": ReportStatus.IN_GESPREK}


def _report_file_data(world: World, scope: str) -> dict[str, Any]:
    return {"version": _version(_report(world, scope)), "phenomenon": "overig", "description": "Een huuraanbod."}


def _referral_data(world: World, scope: str) -> dict[str, Any]:
    desk = _desk(world, scope)
    data = {
        "provider": desk.provider.pk,
        "need": "Een bezoek",
        "referred_via": "vertrouwenspersoon",
        "contact_name": "Boer Test",
        "contact_phone": "0612345678",
        "consent_given_by": "Boer Test",
        "consent_at": timezone.localdate().isoformat(),
        "consent_method": ConsentMethod.MONDELING,
        "consent_scope": "Doorgeven aan de erfbetreders",
    }
    return data


def _referral_edit_data(world: World, scope: str) -> dict[str, Any]:
    return {**_referral_data(world, scope), "version": _version(_referral(world, scope))}


def _referral_status_data(world: World, scope: str) -> dict[str, Any]:
    return {"version": _version(_referral(world, scope)), "to_status": ReferralStatus.IN_CONTACT}


def _withdraw_data(world: World, scope: str) -> dict[str, Any]:
    return {"version": _version(_referral(world, scope)), "confirm": "on"}


def _desk_route(**kwargs: Any) -> Route:
    """Every role is "let in" by the middleware; only the trusted contact gets past the desk's own 404."""
    return Route("roles", ALL_ROLES, object_roles=DESK, **kwargs)


SPEC: dict[str, Route] = {
    "support:approached": Route("public", ok=(200,)),
    "support:approached_done": Route("public", ok=(200,)),
    "support:worklist": _desk_route(),
    "support:referral_create": _desk_route(),
    "support:report": _desk_route(scoped="strict", kwargs=_report_kwargs),
    "support:report_status": _desk_route(
        method="post", ok=(302,), get_ok=(200,), scoped="strict", kwargs=_report_kwargs, data=_report_status_data
    ),
    "support:report_file": _desk_route(
        method="post", ok=(302,), get_ok=(200,), scoped="strict", kwargs=_report_kwargs, data=_report_file_data
    ),
    "support:report_refer": _desk_route(
        method="post", ok=(302,), get_ok=(200,), scoped="strict", kwargs=_report_kwargs, data=_referral_data
    ),
    "support:referral": _desk_route(scoped="strict", kwargs=_referral_kwargs),
    "support:referral_edit": _desk_route(
        method="post", ok=(302,), get_ok=(200,), scoped="strict", kwargs=_referral_kwargs, data=_referral_edit_data
    ),
    "support:referral_status": _desk_route(
        method="post", ok=(302,), get_ok=(200,), scoped="strict", kwargs=_referral_kwargs, data=_referral_status_data
    ),
    "support:referral_withdraw": _desk_route(
        method="post", ok=(302,), get_ok=(200,), scoped="strict", kwargs=_referral_kwargs, data=_withdraw_data
    ),
}
