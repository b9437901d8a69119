# SPDX-License-Identifier: EUPL-1.2
"""Training completion in the situational picture (registered in :mod:`weerbaar.core.sections`).

Completion is a state now (who passed an assigned module), per department, not a count per month: it is no
base cell of the registry but a section, filled by this app's own selectors under its own threshold of 10
per department (``training.constants.GROUP_THRESHOLD``). On the dashboard the council member (holder of
``training.overview``) reads what the council's page of the resilient organisation shows; a report to the
council carries the same tables, or, when it may be published, the whole organisation's total only.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor
from weerbaar.core.sections import Section, register_section
from weerbaar.training.constants import GROUP_THRESHOLD
from weerbaar.training.selectors import council_figures, council_report_figures


def _dashboard(actor: Actor) -> dict[str, Any]:
    return {"training": council_figures(actor=actor), "threshold": GROUP_THRESHOLD}


def _report(organisation_id: int, published: bool) -> dict[str, Any]:
    return {
        "training": council_report_figures(organisation_id=organisation_id, published=published),
        "threshold": GROUP_THRESHOLD,
        "published": published,
    }


register_section(
    Section(
        "opleiding",
        _("Training completion"),
        Perm.TRAINING_OVERVIEW,
        "training/_insights_section.html",
        _dashboard,
        audit_object_type="training.attempt",
        order=30,
        council_report=_report,
        report_template="training/documents/_council_report.html",
    )
)
