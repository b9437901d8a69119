# SPDX-License-Identifier: EUPL-1.2
"""The describer of a type that the trail names by one field of its own: a reference, a number or a title.

Most types are named that way: ``"Approached report %(reference)s"``, linked to the object's page for a viewer
inside the app's visibility rule, and found by that field when it is typed in the filter. The app declares
only what differs::

    field_describer_register(
        ApproachedReport,
        "reference",
        text=gettext_lazy("Approached report %(reference)s"),
        label=gettext_lazy("Approached report"),
        rule=report_visible,
        view="support:report",
    )
"""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.db.models import Model, Q
from django.urls import reverse
from django_stubs_ext import StrOrPromise

from weerbaar.audit.describers import Describer, audit_describer_register, field_finder, rows_describer
from weerbaar.core.policy import Actor


def field_describer_register(
    model: type[Model],
    field: str,
    *,
    text: StrOrPromise,
    label: StrOrPromise,
    rule: Callable[[Actor], Q],
    view: str,
) -> Describer:
    """Register ``model`` (under the type its events are stored with) as named by ``field``.

    ``text`` names one object, with ``%(<field>)s`` for the value (translated when the trail is shown);
    ``view`` is the name of the URL that opens an object by its UUID, linked only inside ``rule(actor)``.
    """

    def name(uuid: UUID, **row: Any) -> str:
        return str(text) % {field: row[field]}

    def url(uuid: UUID, **_row: Any) -> str:
        return reverse(view, args=[uuid])

    return audit_describer_register(
        model._meta.label_lower,  # noqa: SLF001 - _meta is public Django API
        describe=rows_describer(model, (field,), name, rule=rule, url=url),
        find=field_finder(model, field),
        label=label,
    )
