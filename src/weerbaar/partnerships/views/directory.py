# SPDX-License-Identifier: EUPL-1.2
"""The directory: search by expertise, kind of partner and text; vCards; a map of who is active where;
and a representative's page to write their own organisation's entry.

The directory's pages show personal data only as consented contact details (``Shown(PERSOONLIJK,
consented=True)``): the selector hands out contact details of consenting entries only.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import actor_of, can
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.partnerships import selectors, services
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.forms import DirectoryEntryForm, DirectoryFilterForm
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.permissions import Shown
from weerbaar.partnerships.vcard import vcard, vcards
from weerbaar.partnerships.views._shared import partnership_page
from weerbaar.partnerships.views.pages import OPERATIONAL

#: The directory and its vCards: operational cards, and contact details by their author's consent.
DIRECTORY = Shown(DataClass.PERSOONLIJK, consented=True)


def _filters(form: DirectoryFilterForm) -> selectors.DirectoryFilters:
    if not form.is_valid():
        return selectors.DirectoryFilters()
    data = form.cleaned_data
    return selectors.DirectoryFilters(
        expertise=data["expertise"] or "", organisation_type=data["organisation_type"] or "", text=data["text"] or ""
    )


@require_GET
@partnership_page(DIRECTORY)
def directory_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    everyone = selectors.directory_list(actor=actor, partnership=partnership)
    form = DirectoryFilterForm(request.GET or None, expertise=selectors.directory_expertise(cards=everyone))
    filters = _filters(form)
    cards = selectors.directory_list(actor=actor, partnership=partnership, filters=filters)
    audit_event_record(
        actor=actor,
        action=AuditAction.READ,
        obj=partnership,
        details={"part": "directory", "contacts_shown": sum(1 for c in cards if c.contact is not None)},
    )
    represented = list(selectors.represented_participants(actor=actor, partnership=partnership))
    return render(
        request,
        "partnerships/directory.html",
        {
            "partnership": partnership,
            "form": form,
            "cards": cards,
            "filtered": filters != selectors.DirectoryFilters(),
            "represented": represented,
            "located": [card for card in cards if card.has_location],
            "data_url": reverse("partnerships:directory_map", kwargs={"uuid": partnership.uuid}),
            "boundaries_url": reverse("signals:boundaries_geojson"),
        },
    )


@require_GET
@partnership_page(OPERATIONAL)
def directory_map_view(request: HttpRequest, partnership: Partnership) -> JsonResponse:
    """The map's data: the partnership's area and each entry's point with its organisation (no contact)."""
    actor = actor_of(request)
    cards = selectors.directory_list(actor=actor, partnership=partnership)
    features = (
        [
            {
                "type": "Feature",
                "properties": {"kind": "area", "naam": partnership.name},
                "geometry": partnership.area,
            }
        ]
        if partnership.area
        else []
    )
    features += [
        {
            "type": "Feature",
            "properties": {
                "kind": "entry",
                "organisation": card.organisation,
                "type": card.organisation_type_label,
                "expertise": ", ".join(card.expertise),
                "anchor": f"entry-{card.uuid}",
            },
            "geometry": {"type": "Point", "coordinates": [float(card.longitude), float(card.latitude)]},  # type: ignore[arg-type]
        }
        for card in cards
        if card.has_location
    ]
    response = JsonResponse({"type": "FeatureCollection", "features": features})
    response["Content-Type"] = "application/geo+json"
    return response


def _vcard_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@partnership_page(DIRECTORY)
def directory_vcards_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    cards = selectors.directory_list(actor=actor, partnership=partnership)
    audit_event_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=partnership,
        details={"part": "directory_vcards", "cards": len(cards), "contacts": sum(1 for c in cards if c.contact)},
    )
    return _vcard_response(vcards(cards, partnership_name=partnership.name), f"{partnership.number}-gids.vcf")


@require_GET
@partnership_page(DIRECTORY)
def directory_vcard_view(request: HttpRequest, partnership: Partnership, entry_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    card = selectors.directory_card_get(actor=actor, partnership=partnership, uuid=entry_uuid)
    if card is None:
        raise Http404
    audit_event_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=partnership,
        details={"part": "directory_vcard", "entry": str(card.uuid), "contact": card.contact is not None},
    )
    return _vcard_response(vcard(card, partnership_name=partnership.name), f"{partnership.number}-{card.uuid}.vcf")


@partnership_page(OPERATIONAL, code=Perm.PARTNERSHIPS_DIRECTORY)
def directory_edit_view(request: HttpRequest, partnership: Partnership, participant_uuid: str) -> HttpResponse:
    """A representative writes the entry of the participant they represent (nobody else's: 404)."""
    actor = actor_of(request)
    participant = (
        selectors.represented_participants(actor=actor, partnership=partnership).filter(uuid=participant_uuid).first()
    )
    if participant is None or not can(actor, Perm.PARTNERSHIPS_DIRECTORY, participant):
        raise Http404
    entry = selectors.directory_entry_for(actor=actor, participant=participant)
    initial: dict[str, Any] = {"version": entry.version if entry else 1}
    if entry is not None:
        initial.update(
            description=entry.description,
            expertise=", ".join(entry.expertise),
            offers=entry.offers,
            reachability=entry.reachability,
            contact_consent=entry.contact_consent,
            contact_name=entry.contact_name,
            contact_phone=entry.contact_phone,
            contact_email=entry.contact_email,
            latitude=entry.latitude,
            longitude=entry.longitude,
        )
    form = DirectoryEntryForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.directory_entry_save(
                actor=actor, participant=participant, expected_version=version if entry else None, data=data
            )
        except StaleVersionError:
            form.add_error(
                None, _("Someone else changed this entry in the meantime. Check the current text and save again.")
            )
            status = 409
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Your directory entry has been saved."))
            return redirect("partnerships:directory", uuid=partnership.uuid)
    return render(
        request,
        "partnerships/directory_edit.html",
        {"partnership": partnership, "participant": participant, "form": form, "entry": entry},
        status=status,
    )
