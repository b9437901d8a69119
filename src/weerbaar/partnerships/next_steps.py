# SPDX-License-Identifier: EUPL-1.2
"""What needs doing next in one partnership, for this actor: the box at the top of its page.

For those who run it, what the readiness check finds missing (mandatory partners, the covenant); for a
representative, the own directory entry when it is still empty; for every member, alerts not yet read.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.partnerships import selectors
from weerbaar.partnerships.models import DirectoryEntry, Partnership


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str = ""


def partnership_next_steps(*, actor: Actor, partnership: Partnership) -> list[NextStep]:
    steps: list[NextStep] = []
    if can(actor, Perm.PARTNERSHIPS_MANAGE, partnership):
        readiness = selectors.partnership_readiness(partnership=partnership)
        add = reverse("partnerships:participant_add", kwargs={"uuid": partnership.uuid})
        document = reverse("partnerships:document_add", kwargs={"uuid": partnership.uuid})
        for label in readiness.missing_partners:
            steps.append(NextStep(_("Add a participant: %(partner)s") % {"partner": label}, add))
        if not readiness.covenant_signed:
            steps.append(NextStep(_("Record the signed covenant"), document))
        elif readiness.not_signed_by:
            steps.append(
                NextStep(
                    _("Not yet signed the covenant: %(organisations)s")
                    % {"organisations": ", ".join(readiness.not_signed_by)},
                    document,
                )
            )
    for participant in selectors.represented_participants(actor=actor, partnership=partnership):
        if not DirectoryEntry.objects.filter(participant=participant).exists():
            steps.append(
                NextStep(
                    _("Fill in the directory entry of %(organisation)s")
                    % {"organisation": participant.organisation.name},
                    reverse(
                        "partnerships:directory_edit",
                        kwargs={"uuid": partnership.uuid, "participant_uuid": participant.uuid},
                    ),
                )
            )
    unread = list(selectors.alert_unread_list(actor=actor).filter(partnership=partnership).order_by("-sent_at")[:1])
    if unread:
        count = selectors.alert_unread_list(actor=actor).filter(partnership=partnership).count()
        steps.append(
            NextStep(
                ngettext("Read %(count)d new area alert", "Read %(count)d new area alerts", count) % {"count": count},
                reverse("partnerships:alert", kwargs={"uuid": partnership.uuid, "alert_uuid": unread[0].uuid}),
            )
        )
    return steps
