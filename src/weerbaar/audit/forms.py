# SPDX-License-Identifier: EUPL-1.2
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.selectors import AuditFilter
from weerbaar.core.forms import WeerbaarForm


class AuditFilterForm(WeerbaarForm):
    """The trail's filters. People and organisations are chosen by their UUID, so no name is put in the URL."""

    user = forms.TypedChoiceField(label=_("User"), required=False, coerce=UUID, empty_value=None)
    object = forms.CharField(
        label=_("Object"),
        required=False,
        max_length=40,
        help_text=_("A number such as C2026-000005, or a UUID."),
        # The filter travels in the URL and in the audit event of the search: a number or UUID, never a name.
        validators=[
            RegexValidator(
                r"^\s*([A-Za-z]\d{4}-[A-Za-z0-9]{4,10}|[0-9A-Fa-f]{8}-?([0-9A-Fa-f]{4}-?){3}[0-9A-Fa-f]{12})\s*$",
                _("Enter a number such as C2026-000005, or a UUID."),
            )
        ],
    )
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput)
    until = forms.DateField(label=_("Up to and including"), required=False, widget=forms.DateInput)
    organisation = forms.TypedChoiceField(label=_("Organisation"), required=False, coerce=UUID, empty_value=None)

    def __init__(
        self,
        *args: Any,
        users: Sequence[tuple[UUID, str]] = (),
        organisations: Sequence[tuple[UUID, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        user_field: Any = self.fields["user"]
        user_field.choices = [("", _("All users")), *((str(uuid), name) for uuid, name in users)]
        if organisations is None:
            del self.fields["organisation"]  # the viewer reads one organisation's trail only
        else:
            organisation_field: Any = self.fields["organisation"]
            organisation_field.choices = [
                ("", _("All organisations")),
                *((str(uuid), name) for uuid, name in organisations),
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end date must be on or after the start date."))
        return data

    def filters(self) -> AuditFilter:
        """The valid filters (none when the form is not valid: the whole trail, as before filtering)."""
        if not self.is_bound or not self.is_valid():
            return AuditFilter()
        data = self.cleaned_data
        return AuditFilter(
            action=data.get("action") or "",
            since=data.get("since"),
            until=data.get("until"),
            user=data.get("user"),
            object=(data.get("object") or "").strip(),
            organisation=data.get("organisation"),
        )
