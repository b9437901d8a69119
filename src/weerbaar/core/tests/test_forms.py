# SPDX-License-Identifier: EUPL-1.2
"""The shared form renderer: Dutch empty choices, ISO dates for the date picker, the optional marker."""

from datetime import date

from django import forms
from django.utils import translation

from weerbaar.core.forms import WeerbaarForm
from weerbaar.organisations.models import Organisation


class _Choices(WeerbaarForm):
    plain = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
    model = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False)
    typed = forms.TypedChoiceField(choices=[("", "- Select an option -"), ("1", "One")], coerce=int)
    own = forms.ChoiceField(choices=[("", "All"), ("a", "A")], required=False)


class _Fields(WeerbaarForm):
    conditionally_required = ("reason",)

    name = forms.CharField(label="Name")
    note = forms.CharField(label="Note", required=False)
    reason = forms.CharField(label="Reason", required=False, help_text="Required unless you qualify.")
    until = forms.DateField(label="Until", required=False, widget=forms.DateInput)


def test_the_empty_choice_is_dutch_in_every_select() -> None:
    with translation.override("nl"):
        html = str(_Choices())
    assert "---------" not in html and "Select an option" not in html
    assert html.count("Kies een optie") == 3
    assert ">All<" in html  # a form's own empty label stays


def test_a_date_is_rendered_as_iso_whatever_the_language() -> None:
    for language in ("nl", "en"):
        with translation.override(language):
            html = str(_Fields(initial={"until": date(2027, 3, 31)})["until"])
        assert 'type="date"' in html and 'value="2027-03-31"' in html
    with translation.override("nl"):
        bound = _Fields({"name": "x", "until": "2027-03-31"})
        assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["until"] == date(2027, 3, 31)


def test_only_truly_optional_fields_are_marked_optional() -> None:
    with translation.override("en"):
        form = _Fields()
        marked = {name: "(optional)" in str(form[name].as_field_group()) for name in form.fields}
    assert marked == {"name": False, "note": True, "reason": False, "until": True}
    with translation.override("nl"):
        assert "(niet verplicht)" in str(_Fields()["note"].as_field_group())


class _Selects(WeerbaarForm):
    grouped = forms.ChoiceField(
        choices=[("", "---------"), ("x", "<b>&x"), ("Groep", [("1", "één"), ("2", "twee")]), (3, 1234)], initial="2"
    )
    several = forms.MultipleChoiceField(choices=[("x", "X"), ("y", 'Y "quoted"')], initial=["x", "y"])
    marked = forms.ChoiceField(
        choices=[("x", "X")], widget=forms.Select(attrs={"data-q": 'a"b', "disabled": True, "data-off": False})
    )


def test_selects_are_written_as_djangos_own_templates_write_them() -> None:
    """Selects are rendered in Python (fast with hundreds of options); the markup is Django's, escaping too."""
    from django.forms.renderers import TemplatesSetting

    with translation.override("nl"):
        form = _Selects()
        for name in ("grouped", "several", "marked"):
            widget = form.fields[name].widget
            ours = widget.render(name, form[name].value(), renderer=form.renderer)
            djangos = widget.render(name, form[name].value(), renderer=TemplatesSetting())
            # Django's templates leave an empty line after each option; otherwise the two are the same.
            assert ours == djangos.replace("\n\n", "\n"), name
        html = str(form["grouped"])
    assert '<optgroup label="Groep">' in html
    assert '<option value="2" selected>twee</option>' in html
    assert "&lt;b&gt;&amp;x" in html and "<b>" not in html
