# SPDX-License-Identifier: EUPL-1.2
"""Form rendering with NL Design System markup (see templates/weerbaar/forms/)."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

#: Django's own empty choice ("---------") is not translated; every select offers this instead.
EMPTY_CHOICE_LABEL = _("Choose an option")
_DJANGO_EMPTY_LABELS = frozenset({"---------", "- Select an option -"})
#: The browser's date picker only understands ISO dates; a localised value would be dropped unseen and
#: the field saved empty.
_DATE_INPUT_FORMAT = "%Y-%m-%d"


#: Django's template for a select and its options (also a multiple select): rendered here, in Python.
SELECT_TEMPLATE = "django/forms/widgets/select.html"


class WeerbaarFormRenderer(TemplatesSetting):
    form_template_name = "weerbaar/forms/form.html"
    field_template_name = "weerbaar/forms/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        # Django renders every option of a select through two templates of its own: a list of the 342
        # municipalities cost some 14 ms per page. The markup below is the same, written out directly.
        if template_name == SELECT_TEMPLATE:
            return select_html(context["widget"])
        return super().render(template_name, context, request=request)


def _attrs_html(attrs: dict[str, Any]) -> SafeString:
    """Attributes as Django's widget templates write them: ``True`` bare, ``False`` left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(' {}="{}"', name, str(value)) if value is not True else format_html(" {}", name),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def select_html(widget: dict[str, Any]) -> SafeString:
    """A ``<select>`` with its options and option groups, from the context Django builds for its template."""
    groups: list[SafeString] = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            ((str(o["value"]), _attrs_html(o["attrs"]), conditional_escape(localize(o["label"]))) for o in options),
        )
        if group_name:
            rendered = format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, rendered)
        groups.append(rendered)
    body = mark_safe("".join(groups))  # noqa: S308 - each part was escaped by format_html above
    return format_html('<select name="{}"{}>{}\n</select>', widget["name"], _attrs_html(widget["attrs"]), body)


_WIDGET_CLASSES = {
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.EmailInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.PasswordInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.NumberInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.DateInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}


def _translate_empty_choice(field: forms.Field) -> None:
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label in _DJANGO_EMPTY_LABELS:
            field.empty_label = EMPTY_CHOICE_LABEL
            field.widget.choices = field.choices
        return
    if isinstance(field, forms.ChoiceField):
        choices = list(field.choices)  # type: ignore[arg-type]  # normalised to pairs by Django
        if any(value == "" and label in _DJANGO_EMPTY_LABELS for value, label in choices):
            field.choices = [
                (value, EMPTY_CHOICE_LABEL if value == "" and label in _DJANGO_EMPTY_LABELS else label)
                for value, label in choices
            ]


class StyledFormMixin:
    """Adds the NL Design System classes and ARIA error state to every widget.

    A field that is required only in some cases (the form's ``clean`` decides) is listed in
    ``conditionally_required``: it is not marked optional, as its help text says when it is needed.
    """

    fields: dict[str, forms.Field]
    conditionally_required: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            for widget_type, css in _WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css)
                    break
            if isinstance(field.widget, forms.DateInput):
                field.widget.input_type = "date"
                field.widget.format = _DATE_INPUT_FORMAT
            _translate_empty_choice(field)
            field.show_optional = not field.required and name not in self.conditionally_required  # type: ignore[attr-defined]

    def full_clean(self) -> None:
        # Django itself sets aria-invalid and aria-describedby (help text and error ids).
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "_errors", {}) or {}:
            if name in self.fields:
                widget = self.fields[name].widget
                css = widget.attrs.get("class", "")
                if "--invalid" not in css:
                    widget.attrs["class"] = f"{css} {css.split()[0]}--invalid" if css else css


class WeerbaarForm(StyledFormMixin, forms.Form):
    pass


class WeerbaarModelForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to five photos at a time (the caller passes each through ``core.uploads`` before storing it)."""

    widget = MultipleFileInput
    max_files = 5

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"accept": "image/jpeg,image/png", "class": "utrecht-textbox"})

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(uploads) > self.max_files:
            raise forms.ValidationError(_("Add at most five photos at a time."))
        return [super().clean(upload, initial) for upload in uploads]
