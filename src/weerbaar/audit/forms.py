# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.audit.constants import AuditAction
from weerbaar.core.forms import WeerbaarForm


class AuditFilterForm(WeerbaarForm):
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput)
    until = forms.DateField(label=_("Up to and including"), required=False, widget=forms.DateInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end date must be on or after the start date."))
        return data
