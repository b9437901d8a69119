# SPDX-License-Identifier: EUPL-1.2
from uuid import uuid4

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.organisations.constants import PRIVATE_TYPES, OrganisationType


class Organisation(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    municipality = models.ForeignKey(
        "geo.Municipality", verbose_name=_("municipality"), null=True, blank=True, on_delete=models.PROTECT
    )
    safety_region = models.ForeignKey(
        "geo.SafetyRegion", verbose_name=_("safety region"), null=True, blank=True, on_delete=models.PROTECT
    )
    police_unit = models.ForeignKey(
        "geo.PoliceUnit", verbose_name=_("police unit / RIEC region"), null=True, blank=True, on_delete=models.PROTECT
    )
    is_operator = models.BooleanField(
        _("platform operator"),
        default=False,
        help_text=_("Functional administrators of the operator may manage all organisations."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_private(self) -> bool:
        return self.type in PRIVATE_TYPES
