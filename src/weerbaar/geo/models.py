# SPDX-License-Identifier: EUPL-1.2
"""Reference geography (CBS 2025). Loaded from ``geo/data`` by ``load_geography``; never edited by hand."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PoliceUnit(models.Model):
    """A regional police unit; Weerbaar uses it as the RIEC region (10 in total)."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("police unit")

    def __str__(self) -> str:
        return self.name


class SafetyRegion(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)  # VR01..VR25
    name = models.CharField(_("name"), max_length=100)
    police_unit = models.ForeignKey(PoliceUnit, on_delete=models.PROTECT, related_name="safety_regions")

    class Meta:
        ordering = ["code"]
        verbose_name = _("safety region")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Province(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)  # PV20..PV31
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("CBS code"), max_length=6, unique=True)  # GM####
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="municipalities")
    safety_region = models.ForeignKey(SafetyRegion, on_delete=models.PROTECT, related_name="municipalities")
    centroid_lon = models.DecimalField(max_digits=8, decimal_places=5)
    centroid_lat = models.DecimalField(max_digits=8, decimal_places=5)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    @property
    def police_unit(self) -> PoliceUnit:
        return self.safety_region.police_unit
