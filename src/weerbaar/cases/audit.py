# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names cases: by number only (never the title), linked for the case's members."""

from collections.abc import Sequence
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import Description, audit_describer_register, visible_if
from weerbaar.cases.models import Case
from weerbaar.cases.scopes import case_visible
from weerbaar.core.policy import Actor


def _describe(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    # A destroyed case leaves only anonymous figures, no number: the registry shows it as destroyed.
    rows = (
        Case.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(Case, case_visible(actor)))
        .values_list("uuid", "number", "visible")
    )
    return {
        uuid: Description(
            number or _("Case %(number)s") % {"number": str(uuid)[:8]},
            reverse("cases:detail", args=[uuid]) if visible else None,
        )
        for uuid, number, visible in rows
    }


def _find(text: str) -> list[UUID]:
    return list(Case.objects.filter(number__iexact=text).values_list("uuid", flat=True))


audit_describer_register("cases.case", describe=_describe, find=_find, label=gettext_lazy("Case"))
