# SPDX-License-Identifier: EUPL-1.2
"""The threats' contribution to "My work": open follow-up steps falling due or overdue, in incidents the
actor coordinates or in which the actor owns the step.

Area C stays apart: this module imports only the inbox's registry, never area B, and every row starts
from the incidents the actor may see (``incident_list``).
"""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING
from weerbaar.inbox.registry import DUE_SOON_DAYS, Section, WorkItem, is_overdue, register_due
from weerbaar.threats import scopes
from weerbaar.threats.constants import StepStatus
from weerbaar.threats.models import FollowUpStep
from weerbaar.threats.selectors import incident_list


def _steps(actor: Actor, *, overdue_only: bool = False) -> QuerySet[FollowUpStep]:
    if actor.user is None or scopes.incident_visible(actor) is NOTHING:
        return FollowUpStep.objects.none()
    incidents = incident_list(actor=actor)
    mine = Q(incident__in=incidents.filter(scopes.incident_coordinated(actor))) | Q(
        incident__in=incidents, owner_id=actor.user.pk
    )
    now = timezone.now()
    until = now if overdue_only else now + timedelta(days=DUE_SOON_DAYS)
    return FollowUpStep.objects.filter(mine, status=StepStatus.OPEN, due_at__lt=until).select_related("incident")


def _step_item(step: FollowUpStep) -> WorkItem:
    return WorkItem(
        kind=_("Follow-up step"),
        title=step.get_kind_display(),
        reference=str(step.incident),
        url=reverse("threats:detail", kwargs={"uuid": step.incident.uuid}),
        due=timezone.localtime(step.due_at),
        overdue=is_overdue(step.due_at),
    )


register_due("threats.steps", Section.STEPS, _steps, _step_item, order_by=("due_at", "pk"))
