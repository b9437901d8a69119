# SPDX-License-Identifier: EUPL-1.2
"""Area A policy. Default deny: members of a partnership only, each up to the data-class ceiling of the
participation they act through (``ceiling.py``); the filters are those of ``scopes.py``.

A page, API route, export or mail of area A declares the class of what it shows (:class:`Shown`, set with
``views.partnership_page`` or an API view's ``shown``); the policy is then asked about that class on that
partnership — ``can(actor, "partnerships.view", Shows(partnership, Shown(DataClass.OPERATIONEEL)))`` — and refuses
an actor whose ceiling is lower. Asking about a partnership alone is asking about membership.
"""

from dataclasses import dataclass
from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register
from weerbaar.partnerships import scopes
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.models import (
    AreaAlert,
    DirectoryEntry,
    Participant,
    Partnership,
    PartnershipDocument,
)

# Area A holds no area-B data, so no screening; private partners take part with real permissions.
declare(
    Perm.PARTNERSHIPS_VIEW,
    area=Area.A,
    private_allowed=True,
    screening_required=False,
    description="See the area partnerships one is a member of, up to one's participation's data-class ceiling.",
)
declare(
    Perm.PARTNERSHIPS_MANAGE,
    area=Area.A,
    private_allowed=False,
    screening_required=False,
    description="Set up an area partnership: area, agreements, participants, ceilings and documents.",
)
declare(
    Perm.PARTNERSHIPS_DIRECTORY,
    area=Area.A,
    private_allowed=True,
    screening_required=False,
    description="Write the directory entry of the participant one represents.",
)
declare(
    Perm.PARTNERSHIPS_ALERT,
    area=Area.A,
    private_allowed=True,
    screening_required=False,
    description="Send a non-personal area alert to the partners of one's partnership.",
)


@dataclass(frozen=True)
class Shown:
    """The class of data a page, route, export or mail shows.

    ``consented``: personal data shown only because their subject consented (a directory entry's contact
    details); members receiving ``operationeel`` may see those, and nobody sees them without the consent.
    """

    data_class: str
    consented: bool = False

    @property
    def required(self) -> str:
        """The class the actor's ceiling must reach."""
        if self.consented and self.data_class == DataClass.PERSOONLIJK:
            return DataClass.OPERATIONEEL
        return self.data_class


@dataclass(frozen=True)
class Shows:
    """What the policy is asked about: ``shown`` of ``partnership``."""

    partnership: Partnership
    shown: Shown


@register(Perm.PARTNERSHIPS_VIEW)
def view_partnership(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    if isinstance(obj, Shows):
        return scopes.is_receiving(actor, obj.partnership, obj.shown.required)
    if isinstance(obj, Partnership):
        return scopes.is_member(actor, obj)
    if isinstance(obj, Participant):
        return scopes.is_participant_visible(actor, obj)
    if isinstance(obj, PartnershipDocument):
        return scopes.is_document_visible(actor, obj)
    if isinstance(obj, AreaAlert):
        return scopes.is_alert_visible(actor, obj)
    if isinstance(obj, DirectoryEntry):
        return scopes.is_entry_visible(actor, obj)
    return False


@register(Perm.PARTNERSHIPS_MANAGE)
def manage_partnership(actor: Actor, obj: Any) -> bool:
    """Without an object: may set up a new partnership. With one: runs that partnership."""
    if obj is None:
        return actor.organisation is not None and not actor.organisation.is_private
    return isinstance(obj, Partnership) and scopes.is_managed(actor, obj)


@register(Perm.PARTNERSHIPS_DIRECTORY)
def write_directory(actor: Actor, obj: Any) -> bool:
    """A representative writes the entry of the participant they represent, and nobody else's."""
    if obj is None:
        return actor.organisation is not None
    if isinstance(obj, DirectoryEntry):
        return scopes.is_entry_editable(actor, obj)
    return isinstance(obj, Participant) and obj.left_at is None and scopes.is_represented(actor, obj)


@register(Perm.PARTNERSHIPS_ALERT)
def send_alert(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    return isinstance(obj, Partnership) and scopes.is_alertable(actor, obj)
