# SPDX-License-Identifier: EUPL-1.2
"""The form to ask for a report: its kind, title, period (whole months, or a calendar year for the annual
accountability), municipality and phenomenon as on the dashboard, and the analyst's sections."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.forms import WeerbaarForm
from weerbaar.insights.constants import ReportKind
from weerbaar.insights.filters import FilterError, Filters, filters_parse, phenomena

TEXT_LIMIT = 10_000


class MonthInput(forms.TextInput):
    input_type = "month"


class ReportForm(WeerbaarForm):
    conditionally_required = ("van", "tot", "jaar")

    kind = forms.ChoiceField(label=_("Kind of report"), choices=ReportKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    van = forms.CharField(
        label=_("From month"),
        required=False,
        widget=MonthInput(attrs={"placeholder": "2026-01"}),
        help_text=_("As year-month, for example 2026-01. Not for the annual accountability."),
    )
    tot = forms.CharField(
        label=_("Up to month"),
        required=False,
        widget=MonthInput(attrs={"placeholder": "2026-12"}),
        help_text=_("As year-month. Not for the annual accountability."),
    )
    jaar = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        help_text=_("Only for the annual accountability: the calendar year it accounts for."),
    )
    gemeente = forms.CharField(
        label=_("Municipality (CBS code)"),
        required=False,
        max_length=6,
        widget=forms.TextInput(attrs={"placeholder": "GM0855"}),
        help_text=_("Empty: every municipality of the organisation's figures."),
    )
    fenomeen = forms.ChoiceField(label=_("Phenomenon"), required=False)
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4})
    )
    analysis = forms.CharField(
        label=_("Analysis"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Your reading of the figures. Write no names, addresses or other personal data."),
    )
    recommendations = forms.CharField(
        label=_("Recommendations"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        phenomenon = self.fields["fenomeen"]
        assert isinstance(phenomenon, forms.ChoiceField)  # noqa: S101 - declared so above
        phenomenon.choices = [("", _("All phenomena")), *phenomena()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ReportKind.JAARVERANTWOORDING:
            year = data.get("jaar")
            if year is None:
                if "jaar" not in self.errors:
                    self.add_error("jaar", _("Give the year the accountability is for."))
                return data
            if year > timezone.localdate().year:
                self.add_error("jaar", _("The year has not begun yet."))
                return data
            params = {"van": f"{year:04d}-01", "tot": f"{year:04d}-12"}
        else:
            if not data.get("van"):
                self.add_error("van", _("Give the first month of the period."))
            if not data.get("tot"):
                self.add_error("tot", _("Give the last month of the period."))
            params = {"van": data.get("van") or "", "tot": data.get("tot") or ""}
        params.update(gemeente=data.get("gemeente") or "", fenomeen=data.get("fenomeen") or "")
        try:
            filters = filters_parse(params)
        except FilterError as error:
            for name, message in error.errors.items():
                field = "jaar" if name in {"van", "tot"} and kind == ReportKind.JAARVERANTWOORDING else name
                if field not in self.errors:  # one message per field: "give the month" before "wrong month"
                    self.add_error(field, message)
            return data
        data["filters"] = filters
        return data

    @property
    def filters(self) -> Filters:
        filters: Filters = self.cleaned_data["filters"]
        return filters


def default_period(today: date | None = None) -> dict[str, str]:
    """The form's first period: the last twelve whole months up to this one."""
    defaults = filters_parse({}, today=today or timezone.localdate()).query()
    return {"van": defaults["van"], "tot": defaults["tot"]}
