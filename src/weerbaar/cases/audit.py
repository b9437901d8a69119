# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names cases: by number only (never the title), linked for the case's members."""

from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import audit_describer_register, field_finder, rows_describer
from weerbaar.cases.models import Case
from weerbaar.cases.scopes import case_visible


def _name(uuid: UUID, number: str | None) -> str:
    # A destroyed case leaves only anonymous figures, no number: the registry shows it as destroyed.
    return number or _("Case %(number)s") % {"number": str(uuid)[:8]}


audit_describer_register(
    "cases.case",
    describe=rows_describer(
        Case, ("number",), _name, rule=case_visible, url=lambda uuid, **_row: reverse("cases:detail", args=[uuid])
    ),
    find=field_finder(Case, "number"),
    label=gettext_lazy("Case"),
)
