# SPDX-License-Identifier: EUPL-1.2
"""Forms for managing a joint action after it was planned and correcting a finding. They parse input; the
services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.actions.forms import _RADIO, FindingForm, OperationForm
from weerbaar.core.forms import WeerbaarForm
from weerbaar.core.workflow.forms import VersionedFormMixin


class OperationEditForm(VersionedFormMixin, OperationForm):
    """The operation's name, period, area and objectives; kind and project leader stay as planned."""

    id_prefix = "edit"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        del self.fields["project_leader"]


class FindingCorrectionForm(WeerbaarForm):
    """The author's correction of a finding: the partner, location and photos stay as recorded."""

    checked = FindingForm.base_fields["checked"]
    compliant = FindingForm.base_fields["compliant"]
    legal_ground = FindingForm.base_fields["legal_ground"]
    severity = FindingForm.base_fields["severity"]
    sanction = FindingForm.base_fields["sanction"]
    notes = FindingForm.base_fields["notes"]


class LegalHoldForm(WeerbaarForm):
    hold = forms.TypedChoiceField(
        label=_("Legal hold"),
        choices=[("ja", _("Set the legal hold")), ("nee", _("Lift the legal hold"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect(attrs=_RADIO),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: pending proceedings. The reason enters the audit trail."),
    )
