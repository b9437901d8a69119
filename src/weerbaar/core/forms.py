# SPDX-License-Identifier: EUPL-1.2
"""Form rendering with NL Design System markup (see templates/weerbaar/forms/)."""

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting


class WeerbaarFormRenderer(TemplatesSetting):
    form_template_name = "weerbaar/forms/form.html"
    field_template_name = "weerbaar/forms/field.html"


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


class StyledFormMixin:
    """Adds the NL Design System classes and ARIA error state to every widget."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_type, css in _WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css)
                    break
            if isinstance(field.widget, forms.DateInput):
                field.widget.input_type = "date"

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
