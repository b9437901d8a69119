# SPDX-License-Identifier: EUPL-1.2
"""Reads of area A, always scoped by the actor through the rules in ``scopes.py``.

Contact details of the directory leave this module only for entries whose author consented
(:class:`DirectoryCard`), so no page, export or API answer can show them otherwise.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.core.disclosure import suppress
from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships import scopes
from weerbaar.partnerships.ceiling import effective_ceiling
from weerbaar.partnerships.constants import (
    REQUIRED_PARTNER_TYPES,
    DataClass,
    DocumentKind,
    RequiredPartner,
)
from weerbaar.partnerships.models import (
    AlertReceipt,
    AreaAlert,
    DirectoryEntry,
    Participant,
    Partnership,
    PartnershipDocument,
    Representative,
)


def partnership_list(*, actor: Actor, data_class: str = DataClass.AGGREGAAT) -> QuerySet[Partnership]:
    """Partnerships in which the actor receives ``data_class`` (membership by default), by name."""
    rule = scopes.partnership_receiving(actor, data_class)
    if rule is NOTHING:
        return Partnership.objects.none()
    ids = Partnership.objects.filter(rule).values("pk")
    return (
        Partnership.objects.filter(pk__in=ids)
        .select_related("lead_organisation")
        .prefetch_related("municipalities")
        .order_by("name", "pk")
    )


def partnership_get(*, actor: Actor, uuid: UUID | str, data_class: str = DataClass.AGGREGAAT) -> Partnership | None:
    return partnership_list(actor=actor, data_class=data_class).filter(uuid=uuid).first()


def partnership_managed_list(*, actor: Actor) -> QuerySet[Partnership]:
    rule = scopes.partnership_managed(actor)
    if rule is NOTHING:
        return Partnership.objects.none()
    return Partnership.objects.filter(pk__in=Partnership.objects.filter(rule).values("pk")).order_by("name")


def partnership_alertable_list(*, actor: Actor) -> QuerySet[Partnership]:
    rule = scopes.partnership_alertable(actor)
    if rule is NOTHING:
        return Partnership.objects.none()
    return Partnership.objects.filter(pk__in=Partnership.objects.filter(rule).values("pk")).order_by("name")


def actor_ceiling(*, actor: Actor, partnership: Partnership) -> str | None:
    """The most sensitive class the actor receives in this partnership (None: not a member)."""
    found = None
    for data_class in (DataClass.AGGREGAAT, DataClass.OPERATIONEEL, DataClass.PERSOONLIJK):
        if scopes.is_receiving(actor, partnership, data_class):
            found = data_class
    return found


def participant_list(*, actor: Actor, partnership: Partnership) -> QuerySet[Participant]:
    """Participants (active first, then those who left), for members receiving operational data."""
    rule = scopes.participant_visible(actor)
    if rule is NOTHING:
        return Participant.objects.none()
    return (
        partnership.participants.filter(rule)
        .select_related("organisation")
        .annotate(
            representative_count=Count("representatives", filter=Q(representatives__ended_at__isnull=True)),
            has_entry=Exists(DirectoryEntry.objects.filter(participant=OuterRef("pk"))),
        )
        .order_by("left_at", "organisation__name")
    )


def participant_get(*, actor: Actor, partnership: Partnership, uuid: UUID | str) -> Participant | None:
    return participant_list(actor=actor, partnership=partnership).filter(uuid=uuid).first()


def participant_effective_ceiling(participant: Participant) -> str | None:
    if participant.left_at is not None:
        return None
    return effective_ceiling(
        ceiling=participant.ceiling,
        private=participant.organisation.is_private,
        legal_basis=participant.legal_basis,
    )


def represented_participants(*, actor: Actor, partnership: Partnership) -> QuerySet[Participant]:
    """The participants of this partnership the actor represents (and so writes the directory entry of)."""
    rule = scopes.participant_represented(actor)
    if rule is NOTHING:
        return Participant.objects.none()
    return partnership.participants.filter(rule, left_at__isnull=True).select_related("organisation")


def representative_list(*, actor: Actor, partnership: Partnership) -> QuerySet[Representative]:
    """Named representatives the actor may see (``scopes.representative_visible``)."""
    rule = scopes.representative_visible(actor)
    if rule is NOTHING:
        return Representative.objects.none()
    return (
        Representative.objects.filter(rule, participant__partnership=partnership, ended_at__isnull=True)
        .select_related("user", "participant__organisation")
        .order_by("participant__organisation__name", "user__last_name", "user__first_name")
    )


def representative_get(*, actor: Actor, partnership: Partnership, uuid: UUID | str) -> Representative | None:
    return representative_list(actor=actor, partnership=partnership).filter(uuid=uuid).first()


def document_list(*, actor: Actor, partnership: Partnership) -> QuerySet[PartnershipDocument]:
    rule = scopes.document_visible(actor)
    if rule is NOTHING:
        return PartnershipDocument.objects.none()
    return partnership.documents.filter(rule).prefetch_related("signatories__organisation")


def document_get(*, actor: Actor, partnership: Partnership, uuid: UUID | str) -> PartnershipDocument | None:
    return document_list(actor=actor, partnership=partnership).filter(uuid=uuid).first()


# --- Alerts ----------------------------------------------------------------------------------------


def alert_list(*, actor: Actor, partnership: Partnership | None = None, theme: str = "") -> QuerySet[AreaAlert]:
    """Alerts the actor receives (of one ``theme``, or all), newest first, each with ``is_read`` for the actor."""
    rule = scopes.alert_visible(actor)
    if rule is NOTHING or actor.user is None:
        return AreaAlert.objects.none().annotate(is_read=Value(True))
    alerts = AreaAlert.objects.filter(rule)
    if partnership is not None:
        alerts = alerts.filter(partnership=partnership)
    if theme:
        alerts = alerts.filter(theme=theme)
    read = AlertReceipt.objects.filter(alert=OuterRef("pk"), user_id=actor.user.pk)
    # The area (a GeoJSON of up to 20,000 points) is not needed beside an alert: decoding it per row would cost
    # more than the rest of a page.
    return (
        alerts.select_related("partnership", "sender_organisation")
        .defer("partnership__area")
        .annotate(is_read=Exists(read))
    )


def alert_unread_list(*, actor: Actor) -> QuerySet[AreaAlert]:
    return alert_list(actor=actor).filter(is_read=False)  # type: ignore[misc]  # is_read is annotated


def alert_get(*, actor: Actor, partnership: Partnership, uuid: UUID | str) -> AreaAlert | None:
    return alert_list(actor=actor, partnership=partnership).filter(uuid=uuid).first()


def alert_read_total(*, alert: AreaAlert) -> str:
    """How many people read the alert: a total, suppressed below the threshold (never who)."""
    return suppress(alert.receipts.count())


# --- Directory -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class DirectoryCard:
    """One directory entry as a member sees it; ``contact`` only when its author consented."""

    uuid: UUID
    participant_uuid: UUID
    organisation: str
    organisation_type: str
    organisation_type_label: str
    description: str
    expertise: list[str]
    offers: str
    reachability: str
    latitude: Decimal | None
    longitude: Decimal | None
    updated_at: object
    contact: Contact | None = None

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _card(entry: DirectoryEntry, contact_shown: bool) -> DirectoryCard:
    organisation = entry.participant.organisation
    return DirectoryCard(
        uuid=entry.uuid,
        participant_uuid=entry.participant.uuid,
        organisation=organisation.name,
        organisation_type=organisation.type,
        organisation_type_label=str(organisation.get_type_display()),
        description=entry.description,
        expertise=list(entry.expertise),
        offers=entry.offers,
        reachability=entry.reachability,
        latitude=entry.latitude,
        longitude=entry.longitude,
        updated_at=entry.updated_at,
        contact=Contact(entry.contact_name, entry.contact_phone, entry.contact_email) if contact_shown else None,
    )


@dataclass(frozen=True)
class DirectoryFilters:
    expertise: str = ""
    organisation_type: str = ""
    text: str = ""


def directory_list(
    *, actor: Actor, partnership: Partnership, filters: DirectoryFilters | None = None
) -> list[DirectoryCard]:
    """The partnership's directory as the actor may see it, searchable by expertise, partner type and text."""
    rule = scopes.directory_entry_visible(actor)
    if rule is NOTHING:
        return []
    entries = DirectoryEntry.objects.filter(rule, participant__partnership=partnership).select_related(
        "participant__organisation"
    )
    f = filters or DirectoryFilters()
    if f.organisation_type:
        entries = entries.filter(participant__organisation__type=f.organisation_type)
    if f.text:
        for term in f.text.split()[:5]:
            entries = entries.filter(
                Q(participant__organisation__name__icontains=term)
                | Q(description__icontains=term)
                | Q(offers__icontains=term)
            )
    consented = set(
        DirectoryEntry.objects.filter(
            scopes.directory_contact_visible(actor), participant__partnership=partnership
        ).values_list("pk", flat=True)
    )
    cards = [_card(entry, entry.pk in consented) for entry in entries.order_by("participant__organisation__name")]
    if f.expertise:
        wanted = f.expertise.strip().lower()
        cards = [card for card in cards if any(wanted in tag for tag in card.expertise)]
    return cards


def directory_card_get(*, actor: Actor, partnership: Partnership, uuid: UUID | str) -> DirectoryCard | None:
    return next(
        (card for card in directory_list(actor=actor, partnership=partnership) if str(card.uuid) == str(uuid)), None
    )


def directory_expertise(*, cards: list[DirectoryCard]) -> list[str]:
    """The expertise tags in use, to offer as search choices."""
    return sorted({tag for card in cards for tag in card.expertise})


def directory_entry_for(*, actor: Actor, participant: Participant) -> DirectoryEntry | None:
    """The entry of a participant the actor represents, to edit (None when there is none yet)."""
    rule = scopes.directory_entry_editable(actor)
    if rule is NOTHING:
        return None
    return DirectoryEntry.objects.filter(rule, participant=participant).first()


# --- Readiness -------------------------------------------------------------------------------------


@dataclass
class Readiness:
    """What the partnership still lacks before certification (slice 1: partner types and the covenant)."""

    missing_partners: list[str] = field(default_factory=list)
    covenant_signed: bool = False
    covenant_on: object = None
    not_signed_by: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.missing_partners and self.covenant_signed

    def items(self) -> list[str]:
        """What needs doing, in words (empty when ready)."""
        found = [_("Add a participant: %(partner)s") % {"partner": label} for label in self.missing_partners]
        if not self.covenant_signed:
            found.append(_("Record the signed covenant"))
        elif self.not_signed_by:
            found.append(
                _("Not yet signed the covenant: %(organisations)s") % {"organisations": ", ".join(self.not_signed_by)}
            )
        return found


def partnership_readiness(*, partnership: Partnership) -> Readiness:
    """Mandatory partner types (municipality, police, fire service through the safety region,
    entrepreneurs) among the active participants, and a signed covenant."""
    active = list(partnership.participants.filter(left_at__isnull=True).select_related("organisation"))
    types = {p.organisation.type for p in active}
    labels = dict(RequiredPartner.choices)
    readiness = Readiness(
        missing_partners=[
            str(labels[requirement]) for requirement, allowed in REQUIRED_PARTNER_TYPES.items() if not types & allowed
        ]
    )
    covenant = (
        partnership.documents.filter(kind=DocumentKind.CONVENANT, signed_on__lte=timezone.localdate())
        .order_by("-signed_on")
        .prefetch_related("signatories")
        .first()
    )
    if covenant is not None:
        readiness.covenant_signed = True
        readiness.covenant_on = covenant.signed_on
        signed = {s.pk for s in covenant.signatories.all()}
        readiness.not_signed_by = [p.organisation.name for p in active if p.pk not in signed]
    return readiness


def organisation_type_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in OrganisationType.choices]
