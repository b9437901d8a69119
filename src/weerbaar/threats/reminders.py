# SPDX-License-Identifier: EUPL-1.2
"""Overdue follow-up steps and due measure reviews, mailed once to the coordinators through the outbox.

Idempotent: a step is reminded once (``reminded_at``); a measure once per review date. Mails say only
that something waits in Weerbaar — never content of the incident.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Role
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.threats.constants import Status, StepStatus
from weerbaar.threats.models import FollowUpStep, ProtectionMeasure


def _coordinators(organisation_id: int) -> list[User]:
    ids = (
        RoleAssignment.objects.current()
        .filter(organisation_id=organisation_id, role=Role.VEILIGHEIDSCOORDINATOR)
        .values("user_id")
    )
    return list(User.objects.filter(pk__in=ids, is_active=True).exclude(email=""))


@transaction.atomic
def reminders_send() -> int:
    """Enqueue one mail per coordinator per organisation with something overdue; returns mails enqueued."""
    now = timezone.now()
    steps = list(
        FollowUpStep.objects.select_for_update()
        .filter(status=StepStatus.OPEN, due_at__lt=now, reminded_at__isnull=True)
        .exclude(incident__status=Status.AFGESLOTEN)
        .select_related("incident")
    )
    measures = list(
        ProtectionMeasure.objects.select_for_update()
        .filter(review_on__lte=timezone.localdate(), review_reminded_for__isnull=True)
        .exclude(incident__status=Status.AFGESLOTEN)
        .select_related("incident")
    )
    per_org: dict[int, int] = {}
    for step in steps:
        per_org[step.incident.organisation_id] = per_org.get(step.incident.organisation_id, 0) + 1
        step.reminded_at = now
        step.save(update_fields=["reminded_at"])
    for measure in measures:
        per_org[measure.incident.organisation_id] = per_org.get(measure.incident.organisation_id, 0) + 1
        measure.review_reminded_for = measure.review_on
        measure.save(update_fields=["review_reminded_for"])
    sent = 0
    link = reverse("threats:list")
    for organisation_id, count in per_org.items():
        for coordinator in _coordinators(organisation_id):
            outbox_enqueue(
                recipient=coordinator.email,
                subject=_("Weerbaar: follow-up of threats is waiting"),
                body=_(
                    "%(count)s follow-up item(s) for threats against staff are overdue or due for review.\n"
                    "Open Weerbaar to see them: %(link)s"
                )
                % {"count": count, "link": link},
            )
            sent += 1
    return sent
