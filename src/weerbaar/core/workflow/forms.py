# SPDX-License-Identifier: EUPL-1.2
"""Forms of versioned actions, and the one way a service's refusal lands on a form."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django_stubs_ext import StrOrPromise


class VersionedFormMixin(forms.Form):
    """The hidden ``version`` an action form was loaded with (see :mod:`.versioning`).

    Several action forms share one detail page: each kind has its own ``id_prefix`` (and a form per row
    gets one passed in), so ids, labels and error links stay unambiguous.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    # Renders the hidden version too, and its errors on top.
    template_name = "weerbaar/forms/versioned_form.html"
    id_prefix = "action"

    def __init__(self, *args: Any, id_prefix: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{id_prefix or self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


def apply_service_error(
    form: forms.Form,
    exc: ValidationError | PermissionDenied,
    *,
    aliases: Mapping[str, str] | None = None,
    field: str | None = None,
    denied: StrOrPromise | None = None,
) -> None:
    """Put a service's refusal on the form, so the page shows it and keeps what was typed.

    A ``ValidationError`` goes on the named field when the form has it (``aliases`` maps a model field to
    the form's name for it), else on ``field``, else on top. A ``PermissionDenied`` becomes the ``denied``
    message on ``field`` (or on top); without ``denied`` it is raised again, for the caller's 404.
    """
    if isinstance(exc, PermissionDenied):
        if denied is None:
            raise exc
        form.add_error(field, str(denied))
        return
    if not hasattr(exc, "error_dict"):
        form.add_error(field, exc.messages)
        return
    for model_name, errors in exc.error_dict.items():
        name = (aliases or {}).get(model_name, model_name)
        target = name if name in form.fields else field
        for error in errors:
            form.add_error(target, error.messages)
