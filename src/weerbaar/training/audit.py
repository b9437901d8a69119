# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names training objects: a module by its title (linked for its author), an attempt
only as "Training attempt" with its module (never the person or the score), a department by its name."""

from collections.abc import Sequence
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import Description, audit_describer_register, visible_if
from weerbaar.core.policy import Actor
from weerbaar.training.models import Assignment, Attempt, Department, Module
from weerbaar.training.scopes import module_managed


def _describe_modules(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = (
        Module.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(Module, module_managed(actor)))
        .values_list("uuid", "title", "version", "visible")
    )
    return {
        uuid: Description(
            _("Training module %(title)s (version %(version)s)") % {"title": title, "version": version},
            reverse("training:edit", args=[uuid]) if visible else None,
        )
        for uuid, title, version, visible in rows
    }


def _describe_attempts(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = Attempt.objects.filter(uuid__in=uuids).values_list("uuid", "module__title")
    return {uuid: Description(_("Training attempt (%(title)s)") % {"title": title}) for uuid, title in rows}


def _describe_assignments(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = Assignment.objects.filter(uuid__in=uuids).values_list("uuid", "module__title")
    return {uuid: Description(_("Training assignment (%(title)s)") % {"title": title}) for uuid, title in rows}


def _describe_departments(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = Department.objects.filter(uuid__in=uuids).values_list("uuid", "name")
    return {uuid: Description(_("Department %(name)s") % {"name": name}) for uuid, name in rows}


audit_describer_register("training.module", describe=_describe_modules, label=gettext_lazy("Training module"))
audit_describer_register("training.attempt", describe=_describe_attempts, label=gettext_lazy("Training attempt"))
audit_describer_register(
    "training.assignment", describe=_describe_assignments, label=gettext_lazy("Training assignment")
)
audit_describer_register("training.department", describe=_describe_departments, label=gettext_lazy("Department"))
