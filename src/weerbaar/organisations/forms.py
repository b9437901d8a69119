# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.core.forms import WeerbaarForm, WeerbaarModelForm
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation


class OrganisationFilterForm(WeerbaarForm):
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *OrganisationType.choices])


class OrganisationForm(WeerbaarModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "type", "municipality", "safety_region", "police_unit", "is_active"]
