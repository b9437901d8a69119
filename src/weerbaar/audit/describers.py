# SPDX-License-Identifier: EUPL-1.2
"""The describer registry: how the audit trail names the objects its events are about.

An event stores an object only as ``object_type`` and ``object_uuid``. The app that owns the type says,
in a module named ``audit`` (found like Django's admin modules), how to name a batch of them for a viewer::

    audit_describer_register("cases.case", describe=_describe, find=_find)

``describe(actor, uuids)`` answers, in one query (plus one for deletion records of the missing ones), a
:class:`Description` per UUID it knows: a number or name that is safe to show to everyone who reads the
trail (never a title or other content of area B or C), and a link only when the viewer may open the
object. A UUID it does not answer for was destroyed without a record: it shows as "(vernietigd)".
``find(text)`` turns a number typed in the filter into the UUIDs it stands for; ``choices(organisation)``
lists the objects a filter offers to choose from (people, organisations); ``label`` names the type.

The audit app imports no domain app; the domain apps import this module, as they import the audit service.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from uuid import UUID

from django.db.models import BooleanField, Exists, Model, OuterRef, Q, Value
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING


@dataclass(frozen=True)
class Description:
    label: str
    url: str | None = None


Describe = Callable[[Actor, Sequence[UUID]], dict[UUID, Description]]
Find = Callable[[str], list[UUID]]
#: The objects to offer in a filter for one organisation's trail (``None``: the whole trail).
Choices = Callable[[UUID | None], list[UUID]]


@dataclass(frozen=True)
class Describer:
    object_type: str
    describe: Describe | None = None
    find: Find | None = None
    #: What the type is called, for events about the type as a whole (a search, an export).
    label: StrOrPromise = ""
    choices: Choices | None = None


_DESCRIBERS: dict[str, Describer] = {}
_discovered = False


def audit_describer_register(
    object_type: str,
    *,
    describe: Describe | None = None,
    find: Find | None = None,
    label: StrOrPromise = "",
    choices: Choices | None = None,
) -> Describer:
    """Register how to name objects of ``object_type`` (``app_label.model``); idempotent per type."""
    describer = Describer(object_type=object_type, describe=describe, find=find, label=label, choices=choices)
    _DESCRIBERS[object_type] = describer
    return describer


def audit_describers() -> dict[str, Describer]:
    global _discovered
    if not _discovered:
        autodiscover_modules("audit")
        _discovered = True
    return dict(_DESCRIBERS)


def visible_if(model: type[Model], rule: Q) -> Exists | Value:
    """Whether the row is inside the app's visibility ``rule``, to annotate in the describing query itself."""
    if rule is NOTHING:
        return Value(False, output_field=BooleanField())
    return Exists(model._default_manager.filter(pk=OuterRef("pk")).filter(rule))  # noqa: SLF001 - public Django API


def rows_describer(
    model: type[Model],
    fields: Sequence[str],
    text: Callable[..., str],
    *,
    rule: Callable[[Actor], Q] | None = None,
    url: Callable[..., str] | None = None,
) -> Describe:
    """A ``describe`` in one query: ``text(**row)`` names each object, ``url(**row)`` links it for a viewer
    inside the app's visibility ``rule(actor)``; a row holds ``uuid`` and ``fields`` (``values()`` names)."""

    def describe(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
        rows = model._default_manager.filter(uuid__in=uuids)  # noqa: SLF001 - public Django API
        names = ["uuid", *fields]
        if rule is not None and url is not None:
            rows = rows.annotate(visible=visible_if(model, rule(actor)))
            names.append("visible")
        found: dict[UUID, Description] = {}
        for row in rows.values(*names):
            visible = row.pop("visible", False)
            link = url(**row) if visible and url is not None else None
            found[row["uuid"]] = Description(text(**row), link)
        return found

    return describe


def field_finder(model: type[Model], field: str) -> Find:
    """A ``find`` that takes the typed text as the value of ``field`` (a number or reference), any case."""

    def find(text: str) -> list[UUID]:
        lookup = {f"{field}__iexact": text}
        return list(model._default_manager.filter(**lookup).values_list("uuid", flat=True))  # noqa: SLF001

    return find


def destroyed() -> Description:
    return Description(_("(destroyed)"))


def _fallback(object_type: str, uuid: UUID) -> Description:
    """A type no app describes: its name and the start of its UUID, as the trail stored it."""
    return Description(f"{audit_type_label(object_type)} {str(uuid)[:8]}")


def audit_objects_describe(
    *, actor: Actor, refs: Iterable[tuple[str, UUID | None]]
) -> dict[tuple[str, UUID], Description]:
    """A description per (object type, UUID), one batch per type."""
    by_type: dict[str, set[UUID]] = defaultdict(set)
    for object_type, uuid in refs:
        if object_type and uuid is not None:
            by_type[object_type].add(uuid)
    describers = audit_describers()
    result: dict[tuple[str, UUID], Description] = {}
    for object_type, uuids in by_type.items():
        describer = describers.get(object_type)
        ordered = sorted(uuids)
        if describer is None or describer.describe is None:
            result.update({(object_type, uuid): _fallback(object_type, uuid) for uuid in ordered})
            continue
        found = describer.describe(actor, ordered)
        result.update({(object_type, uuid): found.get(uuid) or destroyed() for uuid in ordered})
    return result


def audit_type_label(object_type: str) -> str:
    """The name of an object type (the type itself when no app named it)."""
    describer = audit_describers().get(object_type)
    return str(describer.label) if describer is not None and describer.label else object_type


def audit_objects_choices(object_type: str, *, organisation_uuid: UUID | None) -> list[UUID]:
    """The objects of a type to offer in a filter of one organisation's trail (every one's with ``None``)."""
    describer = audit_describers().get(object_type)
    if describer is None or describer.choices is None:
        return []
    return describer.choices(organisation_uuid)


def audit_objects_find(text: str) -> list[tuple[str, UUID]]:
    """The objects a number (or name) typed in the filter stands for, over every registered type."""
    text = text.strip()
    if not text:
        return []
    return [
        (describer.object_type, uuid)
        for describer in audit_describers().values()
        if describer.find is not None
        for uuid in describer.find(text)
    ]


audit_describer_register("audit.auditevent", label=gettext_lazy("Audit trail"))
audit_describer_register("audit.chain", label=gettext_lazy("Hash chain"))
