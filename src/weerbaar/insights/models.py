# SPDX-License-Identifier: EUPL-1.2
"""The materialised aggregates: counts per series by day by organisation by region by category, and per series
the moment of its last refresh. Dashboards read only these; the domain apps' own tables are read by the
refresh alone (through the series registered in ``weerbaar.core.figures``)."""

import uuid

from django.db import models

from weerbaar.insights.constants import ReportKind, ReportStatus


class DailyCount(models.Model):
    series = models.CharField(max_length=40)
    day = models.DateField()
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=6, blank=True)  # a municipality's CBS code, or "" (unknown)
    category = models.CharField(max_length=40)
    count = models.PositiveIntegerField()
    #: The sum of the objects' amounts, for a series that yields one (whole euros, months); 0 otherwise.
    amount = models.BigIntegerField(default=0)
    #: The largest single amount among them (the dominance rule: no shown sum is mostly one object's).
    amount_max = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "day", "organisation", "region", "category"], name="insights_dailycount_unique"
            )
        ]
        indexes = [models.Index(fields=["series", "organisation", "day"], name="insights_series_org_day")]


class MonthlyCount(models.Model):
    """The daily counts summed per month: exactly the base cells (organisation by region by month by
    category) that every figure is made of, since filters select whole months. The dashboard and the reports read these
    (a few rows per cell instead of one per day); the daily counts are what an incremental refresh recounts."""

    series = models.CharField(max_length=40)
    month = models.DateField()  # the first day of the month
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=6, blank=True)
    category = models.CharField(max_length=40)
    count = models.PositiveIntegerField()
    amount = models.BigIntegerField(default=0)
    amount_max = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "month", "organisation", "region", "category"], name="insights_monthlycount_unique"
            )
        ]
        indexes = [models.Index(fields=["series", "organisation", "month"], name="insights_series_org_month")]


class CategoryTotal(models.Model):
    """The sum of a series' counts per category over every day and organisation, kept with the daily counts
    (adjusted by the difference on each refresh): an overview of everything reads a few rows, not all."""

    series = models.CharField(max_length=40)
    category = models.CharField(max_length=40)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "category"], name="insights_categorytotal_unique")]


class Refresh(models.Model):
    series = models.CharField(max_length=40, unique=True)
    #: When the last refresh started: every change after this moment is counted by the next one.
    refreshed_at = models.DateTimeField()
    #: How many days the last refresh recounted (None: a full rebuild).
    days = models.PositiveIntegerField(null=True, blank=True)


class Report(models.Model):
    """A report of the situational picture: its kind, its period and filters and the analyst's text. Each
    making is a :class:`ReportVersion`; the fields ``status`` to ``error`` tell how the last one goes."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, choices=ReportKind.choices)
    title = models.CharField(max_length=200)
    period_start = models.DateField()  # the first day of the first month
    period_end = models.DateField()  # the first day of the last month
    region = models.CharField(max_length=6, blank=True)  # a municipality's CBS code, or "" (all)
    phenomenon = models.CharField(max_length=40, blank=True)
    summary = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    steps_done = models.PositiveIntegerField(default=0)
    steps_total = models.PositiveIntegerField(default=0)
    #: Why the last making failed, in words for the reader (never a stack trace).
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="insights_report_org_created")]

    def __str__(self) -> str:
        return self.title


class ReportVersion(models.Model):
    """One made PDF of a report, kept in the database with its row: it is written and deleted in the same
    transaction as the report, so no file is left behind or missing."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    audience = models.CharField(max_length=20)
    pdf = models.BinaryField(editable=False)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="insights_reportversion_unique")]
