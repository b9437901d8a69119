# SPDX-License-Identifier: EUPL-1.2
"""Forms of the case pages (/casussen/). They only parse input; the rules live in the services.

Choices of organisations, signals and cases are offered by UUID (never database ids) and are built by the
view from the actor's scope, so a form can never name something the actor may not see.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.cases.constants import (
    CASE_TRANSITIONS,
    INTERVENTION_TYPES,
    CaseStatus,
    Classification,
    InterventionStatus,
    ItemKind,
    MeetingKind,
    MemberRole,
)
from weerbaar.cases.models import Case
from weerbaar.core.constants import LegalRegime
from weerbaar.core.forms import WeerbaarForm
from weerbaar.core.workflow.forms import VersionedFormMixin
from weerbaar.correlation.forms import SubjectEntryMixin
from weerbaar.signals.constants import Phenomenon

Choices = Iterable[tuple[str, str]]
EXPORT = "export"
#: Rows of action items offered per agenda item; leave a row empty to skip it.
ACTION_ROWS = 3


def _restyle(form: forms.Form) -> None:
    """Fields added after construction miss the mixin's NL Design System classes."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            continue
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")
        elif isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("class", "utrecht-textarea utrecht-textarea--html-textarea")
        elif isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")
        elif isinstance(widget, forms.TextInput):
            widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")


class CaseFilterForm(WeerbaarForm):
    """List filters: codes only (they end up in the URL)."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *CaseStatus.choices]
    )
    phenomenon = forms.ChoiceField(
        label=_("Phenomenon"), required=False, choices=[("", _("All phenomena")), *Phenomenon.choices]
    )


class CaseCreateForm(WeerbaarForm):
    title = forms.CharField(
        label=_("Working title"),
        max_length=200,
        help_text=_("No personal data: for example the place and the phenomenon."),
    )
    phenomena = forms.MultipleChoiceField(
        label=_("Phenomena"), choices=Phenomenon.choices, widget=forms.CheckboxSelectMultiple
    )
    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    signals = forms.MultipleChoiceField(
        label=_("Linked signals"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Signals of your organisation this case starts from."),
    )

    def __init__(self, *args: Any, signals: Choices = (), municipalities: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signals"].choices = list(signals)  # type: ignore[attr-defined]
        self.fields["municipality"].choices = [("", _("No municipality")), *municipalities]  # type: ignore[attr-defined]


class VersionedForm(VersionedFormMixin, WeerbaarForm):
    """Every action form carries the case version it was loaded with (optimistic locking)."""


def transition_choices(case: Case) -> list[tuple[str, str]]:
    """The next step of the work process; closing has its own form (it needs a reason and destroys data)."""
    allowed = CASE_TRANSITIONS.next(case.status) - {CaseStatus.AFGESLOTEN.value}
    return [(value, str(label)) for value, label in CaseStatus.choices if value in allowed]


class TransitionForm(VersionedForm):
    id_prefix = "transition"
    to_status = forms.ChoiceField(label=_("Next step"))
    reason = forms.CharField(
        label=_("Reasoning"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = transition_choices(case)  # type: ignore[attr-defined]


class AssessmentForm(VersionedForm):
    id_prefix = "assessment"
    text = forms.CharField(
        label=_("Proportionality and subsidiarity assessment"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Why sharing these data is proportionate and no lighter means will do. "
            "Police data become visible to the other members once this is written."
        ),
    )


class MemberAddForm(VersionedForm):
    id_prefix = "member"
    organisation = forms.ChoiceField(label=_("Organisation"))
    username = forms.CharField(
        label=_("Named member (user name)"),
        required=False,
        max_length=150,
        help_text=_("Leave empty to admit the organisation's staff with case access."),
    )
    role = forms.ChoiceField(label=_("Role in the case"), choices=MemberRole.choices, initial=MemberRole.DEELNEMER)
    ends_on = forms.DateField(label=_("Member until"), required=False, widget=forms.DateInput)

    def __init__(self, *args: Any, organisations: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("Choose an organisation")), *organisations]  # type: ignore[attr-defined]


class MemberEndForm(VersionedForm):
    id_prefix = "end"


class ItemAddForm(VersionedForm):
    id_prefix = "item"
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Content"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    regime = forms.ChoiceField(label=_("Legal regime"), choices=LegalRegime.choices)
    consent_required = forms.BooleanField(label=_("Onward sharing needs our consent"), required=False)
    consent_to = forms.MultipleChoiceField(
        label=_("Show it now to"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only with consent required: the member organisations that may see it from the start."),
    )

    def __init__(self, *args: Any, organisations: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent_to"].choices = list(organisations)  # type: ignore[attr-defined]


class ConsentForm(VersionedForm):
    id_prefix = "consent"
    to = forms.ChoiceField(label=_("Consent to"))

    def __init__(self, *args: Any, organisations: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [*organisations, (EXPORT, _("Export (closure report and other exports)"))]  # type: ignore[attr-defined]


class InterventionAddForm(VersionedForm):
    id_prefix = "intervention"
    type = forms.ChoiceField(
        label=_("Intervention"), choices=[(code, t.label) for code, t in INTERVENTION_TYPES.items()]
    )
    owner = forms.ChoiceField(label=_("Carried out by"))
    started_on = forms.DateField(label=_("Start"), required=False, widget=forms.DateInput)
    bibob_reference = forms.CharField(
        label=_("Bibob reference"),
        required=False,
        max_length=40,
        help_text=_("Bibob screening only: the Bibob file stays separate and is linked by this reference."),
    )

    def __init__(self, *args: Any, organisations: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = list(organisations)  # type: ignore[attr-defined]


class StepDoneForm(VersionedForm):
    id_prefix = "step"
    done_on = forms.DateField(label=_("Done on"), widget=forms.DateInput)


class ResultForm(VersionedForm):
    id_prefix = "result"
    status = forms.ChoiceField(label=_("Status"), choices=InterventionStatus.choices)
    closure_months = forms.IntegerField(label=_("Closure (months)"), required=False, min_value=0, max_value=120)
    permit_refused = forms.BooleanField(label=_("Permit refused or withdrawn"), required=False)
    amount_levied = forms.DecimalField(
        label=_("Amount levied (EUR)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    amount_seized = forms.DecimalField(
        label=_("Amount seized (EUR)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    result_note = forms.CharField(
        label=_("Result"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(VersionedForm):
    id_prefix = "close"
    reason = forms.CharField(
        label=_("Reason for closing"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the status history and the audit trail."),
    )
    confirm_blocking = forms.BooleanField(
        label=_("I close the case although a Bibob investigation or closure procedure is still running"),
        required=False,
        help_text=_("Only the director can confirm this; the reason above must explain why."),
    )

    def __init__(self, *args: Any, blocking: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not blocking:
            del self.fields["confirm_blocking"]


class AccessRequestForm(WeerbaarForm):
    reason = forms.CharField(
        label=_("Why does your organisation need access?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The directing organisation decides. Your request and its decision are recorded."),
    )


class AccessDecisionForm(VersionedForm):
    id_prefix = "decide"
    grant = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("ja", _("Grant access")), ("nee", _("Refuse access"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reasoning"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class MeetingCreateForm(WeerbaarForm):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput)
    cases = forms.MultipleChoiceField(label=_("Cases on the agenda"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, cases: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = list(cases)  # type: ignore[attr-defined]


class AgendaDecisionForm(WeerbaarForm):
    """The decision on one agenda item and up to ``ACTION_ROWS`` action items (description, owner, due)."""

    template_name = VersionedFormMixin.template_name  # renders the hidden case field too
    case = forms.UUIDField(widget=forms.HiddenInput)
    decision = forms.CharField(label=_("Decision"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, organisations: Choices = (), id_prefix: str = "agenda", **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{id_prefix}_%s")
        super().__init__(*args, **kwargs)
        owners = [("", _("Choose an organisation")), *organisations]
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(
                label=_("Action %(n)d") % {"n": n}, required=False, max_length=300
            )
            self.fields[f"action_{n}_owner"] = forms.ChoiceField(
                label=_("Action %(n)d: by") % {"n": n}, required=False, choices=owners
            )
            self.fields[f"action_{n}_due"] = forms.DateField(
                label=_("Action %(n)d: due") % {"n": n}, required=False, widget=forms.DateInput
            )
        _restyle(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, ACTION_ROWS + 1):
            if data.get(f"action_{n}"):
                if not data.get(f"action_{n}_owner"):
                    self.add_error(f"action_{n}_owner", _("Choose who carries out this action."))
                if not data.get(f"action_{n}_due"):
                    self.add_error(f"action_{n}_due", _("Give a due date for this action."))
        return data

    def actions(self) -> list[tuple[str, str, Any]]:
        """(description, organisation uuid, due) of the filled-in rows."""
        return [
            (
                self.cleaned_data[f"action_{n}"],
                self.cleaned_data[f"action_{n}_owner"],
                self.cleaned_data[f"action_{n}_due"],
            )
            for n in range(1, ACTION_ROWS + 1)
            if self.cleaned_data.get(f"action_{n}")
        ]


class ActionItemAddForm(WeerbaarForm):
    """One action item on one agenda item of a meeting (the hosting organisation adds it)."""

    template_name = VersionedFormMixin.template_name  # renders the hidden case field too
    case = forms.UUIDField(widget=forms.HiddenInput)
    description = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ChoiceField(label=_("Carried out by"))
    assignee = forms.ChoiceField(
        label=_("Person"),
        required=False,
        help_text=_("A named member of the case for that organisation."),
    )
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput)

    def __init__(
        self, *args: Any, organisations: Choices = (), people: Choices = (), id_prefix: str = "action", **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", f"{id_prefix}_%s")
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("Choose an organisation")), *organisations]  # type: ignore[attr-defined]
        self.fields["assignee"].choices = [("", _("Nobody in particular")), *people]  # type: ignore[attr-defined]


class ActionItemDoneForm(VersionedForm):
    id_prefix = "actiondone"


class CaseSubjectForm(SubjectEntryMixin, VersionedForm):
    """A structured subject supplied by the actor's organisation, with its legal regime and consent."""

    id_prefix = "subject"
    regime = forms.ChoiceField(label=_("Legal regime"), choices=LegalRegime.choices, initial=LegalRegime.AVG)
    consent_required = forms.BooleanField(label=_("Onward sharing needs our consent"), required=False)
    consent_to = forms.MultipleChoiceField(
        label=_("Show it now to"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only with consent required: the member organisations that may see it from the start."),
    )

    def __init__(self, *args: Any, organisations: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent_to"].choices = list(organisations)  # type: ignore[attr-defined]
