# SPDX-License-Identifier: EUPL-1.2
"""The partnership pages (/gebiedssamenwerkingen/) in the authorization matrix.

The "own" partnership is led by Gemeente Eigen, set up by a facilitator there; a farmers' organisation
takes part with a named representative, a directory entry (with consent) and an area alert. The matrix's
actors are nobody's representative and hold no office, so on the own partnership only Gemeente Eigen's
own facilitators (``gebiedsregisseur``: they run what their organisation leads, with its ceiling) get
through; every other role and every other home — the other municipality, the platform operator, the
private partner — gets 404. The directory entry is written by its own representatives only, so its page
is 404 for every matrix actor; the stored file of a document is absent in this world (404 for everyone).
Which homes are refused outright (private partners for ``partnerships.manage``) the matrix reads from
the declarations. ``test_access.py`` walks members of every private type and each ceiling.
"""

from datetime import date
from typing import Any

from tests.authz import Route, World
from weerbaar.accounts.constants import Role
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships import services
from weerbaar.partnerships.constants import DataClass, DocumentKind, LegalBasis
from weerbaar.partnerships.models import AreaAlert, DirectoryEntry, Participant, Partnership, PartnershipDocument
from weerbaar.partnerships.tests.factories import facilitator_actor, make_organisation, make_person, member_actor

VIEW = frozenset({Role.GEBIEDSREGISSEUR, Role.PARTNERVERTEGENWOORDIGER, Role.BOA, Role.WIJKAGENT})
MANAGE = frozenset({Role.GEBIEDSREGISSEUR})
ALERT = frozenset({Role.GEBIEDSREGISSEUR, Role.BOA, Role.WIJKAGENT})
DIRECTORY = VIEW
#: Who gets through on the own partnership: its lead organisation's facilitators.
LEAD = frozenset({Role.GEBIEDSREGISSEUR})
NOBODY: frozenset[str] = frozenset()


def _partnership(world: World, scope: str) -> Partnership:
    def create() -> Partnership:
        from weerbaar.geo.models import Municipality

        facilitator = make_person(world.orgs[scope], Role.GEBIEDSREGISSEUR)
        partnership = services.partnership_create(
            actor=member_actor(facilitator, world.orgs[scope]),
            name=f"Buitengebied {scope}",
            area_type="buitengebied",
            objectives="Samen ondermijning tegengaan (synthetisch).",
            municipalities=list(Municipality.objects.filter(pk=world.orgs[scope].municipality_id)),
        )
        return partnership

    partnership: Partnership = world.once(f"gebied-{scope}", create)
    return partnership


def _farmers(world: World, scope: str) -> Participant:
    def create() -> Participant:
        partnership = _partnership(world, scope)
        farmers = make_organisation(OrganisationType.AGRARISCH)
        participant = services.participant_add(
            actor=facilitator_actor(partnership),
            partnership=partnership,
            organisation=farmers,
            ceiling=DataClass.OPERATIONEEL,
            legal_basis=LegalBasis.CONVENANT,
        )
        rep = make_person(farmers, Role.PARTNERVERTEGENWOORDIGER, screened=False)
        services.representative_add(
            actor=facilitator_actor(partnership), participant=participant, user=rep, function="Lid werkgroep"
        )
        services.directory_entry_save(
            actor=member_actor(rep, farmers),
            participant=participant,
            expected_version=None,
            data={"description": "Boeren in het gebied.", "contact_name": "Demo Boer", "contact_consent": True},
        )
        return participant

    participant: Participant = world.once(f"gebied-farmers-{scope}", create)
    return participant


def _alert(world: World, scope: str) -> AreaAlert:
    def create() -> AreaAlert:
        partnership = _partnership(world, scope)
        return services.alert_send(
            actor=facilitator_actor(partnership), partnership=partnership, theme="overig", text="Let op (synthetisch)."
        )

    alert: AreaAlert = world.once(f"gebied-alert-{scope}", create)
    return alert


def _document(world: World, scope: str) -> PartnershipDocument:
    def create() -> PartnershipDocument:
        partnership = _partnership(world, scope)
        document = services.document_add(
            actor=facilitator_actor(partnership),
            partnership=partnership,
            kind=DocumentKind.INTENTIEVERKLARING,
            signed_on=date(2026, 1, 15),
            signatories=list(partnership.participants.all()),
        )
        # A file that was recorded but is not on this machine's disk: the download answers 404 for everyone.
        PartnershipDocument.objects.filter(pk=document.pk).update(stored_name="ontbreekt.pdf")
        return document

    document: PartnershipDocument = world.once(f"gebied-document-{scope}", create)
    return document


def _kw(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _partnership(world, scope).uuid}


def _participant_kw(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _partnership(world, scope).uuid, "participant_uuid": _farmers(world, scope).uuid}


def _representative_kw(world: World, scope: str) -> dict[str, Any]:
    representative = _farmers(world, scope).representatives.order_by("pk").first()
    assert representative is not None
    return {"uuid": _partnership(world, scope).uuid, "representative_uuid": representative.uuid}


def _document_kw(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _partnership(world, scope).uuid, "document_uuid": _document(world, scope).uuid}


def _entry_kw(world: World, scope: str) -> dict[str, Any]:
    entry = DirectoryEntry.objects.get(participant=_farmers(world, scope))
    return {"uuid": _partnership(world, scope).uuid, "entry_uuid": entry.uuid}


def _alert_kw(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _partnership(world, scope).uuid, "alert_uuid": _alert(world, scope).uuid}


def _create_data(world: World, scope: str) -> dict[str, Any]:
    return {
        "name": "Buitengebied Matrix",
        "area_type": "buitengebied",
        "objectives": "Synthetisch.",
        "municipalities": ["GM0855"],
    }


def _obj(
    roles: frozenset[str],
    kwargs: Any,
    *,
    method: str = "get",
    ok: tuple[int, ...] = (200,),
    lead: frozenset[str] = LEAD,
) -> Route:
    return Route("roles", roles, method=method, ok=ok, scoped="strict", object_roles=lead, kwargs=kwargs)


SPEC: dict[str, Route] = {
    "partnerships:list": Route("roles", VIEW),
    "partnerships:create": Route("roles", MANAGE, method="post", ok=(302,), data=_create_data),
    "partnerships:detail": _obj(VIEW, _kw),
    "partnerships:edit": _obj(MANAGE, _kw),
    "partnerships:representatives": _obj(VIEW, _kw),
    "partnerships:representative_end": _obj(MANAGE, _representative_kw, method="post", ok=(302,)),
    "partnerships:participant_add": _obj(MANAGE, _kw),
    "partnerships:participant": _obj(MANAGE, _participant_kw),
    # Once the first allowed call recorded the leave, later ones are told so on the participant's page.
    "partnerships:participant_leave": _obj(MANAGE, _participant_kw, method="post", ok=(302,)),
    "partnerships:representative_add": _obj(MANAGE, _participant_kw),
    "partnerships:document_add": _obj(MANAGE, _kw),
    "partnerships:document_download": _obj(VIEW, _document_kw, ok=(404,), lead=NOBODY),
    "partnerships:directory": _obj(VIEW, _kw),
    "partnerships:directory_map": _obj(VIEW, _kw),
    "partnerships:directory_vcards": _obj(VIEW, _kw),
    "partnerships:directory_vcard": _obj(VIEW, _entry_kw),
    # Only the participant's own representatives write its entry; no matrix actor is one.
    "partnerships:directory_edit": _obj(DIRECTORY, _participant_kw, lead=NOBODY),
    "partnerships:alerts": _obj(VIEW, _kw),
    "partnerships:alert_compose": _obj(ALERT, _kw),
    "partnerships:alert": _obj(VIEW, _alert_kw),
}
