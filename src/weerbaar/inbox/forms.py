# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.utils.translation import gettext_lazy as _


class DigestPreferenceForm(forms.Form):
    daily = forms.BooleanField(
        label=_("Send me a daily e-mail with the number of items waiting"),
        help_text=_("The e-mail holds only counts per section and a link, never names or numbers."),
        required=False,
    )
