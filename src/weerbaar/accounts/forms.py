# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import REASON_MIN_LENGTH, Role, ScreeningStatus, role_allowed_at, roles_allowed_at
from weerbaar.accounts.models import User
from weerbaar.core.forms import WeerbaarForm
from weerbaar.organisations.models import Organisation


class LoginForm(WeerbaarForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=1024,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(WeerbaarForm):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).strip().replace(" ", "")


class EnrolForm(WeerbaarForm):
    token = forms.RegexField(
        label=_("Code from your app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": _("Enter the 6 digits your authenticator app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).replace(" ", "").strip()


class PasswordChangeForm(WeerbaarForm):
    new_password = forms.CharField(
        label=_("New password"),
        strip=False,
        max_length=1024,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password, not only digits, not like your name."),
    )
    new_password_again = forms.CharField(
        label=_("New password again"),
        strip=False,
        max_length=1024,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        max_length=1024,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    field_order = ["current_password", "new_password", "new_password_again"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        if user.password_change_required:
            # The temporary password was just entered on the log-in page.
            del self.fields["current_password"]

    def clean_current_password(self) -> str:
        password = str(self.cleaned_data["current_password"])
        if not self.user.check_password(password):
            raise ValidationError(_("Your current password is not correct."))
        return password

    def clean_new_password(self) -> str:
        password = self.cleaned_data["new_password"]
        validate_password(password, self.user)
        return str(password)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password") and data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", _("The two passwords are not the same."))
        return data


class UserSearchForm(WeerbaarForm):
    text = forms.CharField(label=_("Search by name, username or e-mail"), max_length=100, required=False)


class UserFilterForm(WeerbaarForm):
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("actief", _("Active")), ("inactief", _("Deactivated"))],
    )


class UserCreateForm(WeerbaarForm):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[a-z0-9._-]{3,150}$",
        error_messages={"invalid": _("Use 3 or more lower-case letters, digits, dots, hyphens or underscores.")},
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    screening_status = forms.ChoiceField(label=_("Screening status"), choices=ScreeningStatus.choices)
    screening_valid_until = forms.DateField(label=_("Screening valid until"), required=False, widget=forms.DateInput)

    def __init__(self, *args: Any, organisation: Organisation | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.fields["role"].choices = roles_allowed_at(organisation.type)  # type: ignore[attr-defined]

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"])
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is already taken."))
        return username


class UserUpdateForm(WeerbaarForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    screening_status = forms.ChoiceField(label=_("Screening status"), choices=ScreeningStatus.choices)
    screening_valid_until = forms.DateField(label=_("Screening valid until"), required=False, widget=forms.DateInput)


class RoleAssignForm(WeerbaarForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None, to_field_name="uuid"
    )
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=forms.DateInput)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=forms.DateInput)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        # Only roles some offered organisation may hold; the service checks the pair that is chosen.
        types = set(organisations.values_list("type", flat=True))
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Role.choices if any(role_allowed_at(value, t) for t in types)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end date must be on or after the start date."))
        return data


class OrganisationSwitchForm(WeerbaarForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None, to_field_name="uuid"
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class AccountActionForm(WeerbaarForm):
    """The reason for a security-sensitive action on someone's account; it goes into the audit trail."""

    reason = forms.CharField(
        label=_("Reason"),
        min_length=REASON_MIN_LENGTH,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit trail. Say why, e.g. “phone lost, reported by phone on 2 December”."),
    )
