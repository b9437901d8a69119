# SPDX-License-Identifier: EUPL-1.2
"""The materialised aggregates: counts per series by day by organisation by region by category, and per series
the moment of its last refresh. Dashboards read only these; the domain apps' own tables are read by the
refresh alone (through the series registered in ``weerbaar.core.figures``)."""

from django.db import models


class DailyCount(models.Model):
    series = models.CharField(max_length=40)
    day = models.DateField()
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=6, blank=True)  # a municipality's CBS code, or "" (unknown)
    category = models.CharField(max_length=40)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "day", "organisation", "region", "category"], name="insights_dailycount_unique"
            )
        ]
        indexes = [models.Index(fields=["series", "organisation", "day"], name="insights_series_org_day")]


class Refresh(models.Model):
    series = models.CharField(max_length=40, unique=True)
    #: When the last refresh started: every change after this moment is counted by the next one.
    refreshed_at = models.DateTimeField()
    #: How many days the last refresh recounted (None: a full rebuild).
    days = models.PositiveIntegerField(null=True, blank=True)
