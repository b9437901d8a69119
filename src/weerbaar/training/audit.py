# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names training objects: a module by its title (linked for its author), an attempt
only as "Training attempt" with its module (never the person or the score), a department by its name."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import audit_describer_register, rows_describer
from weerbaar.training.models import Assignment, Attempt, Department, Module
from weerbaar.training.scopes import module_managed

audit_describer_register(
    "training.module",
    describe=rows_describer(
        Module,
        ("title", "version"),
        lambda uuid, title, version: (
            _("Training module %(title)s (version %(version)s)") % {"title": title, "version": version}
        ),
        rule=module_managed,
        url=lambda uuid, **_row: reverse("training:edit", args=[uuid]),
    ),
    label=gettext_lazy("Training module"),
)
audit_describer_register(
    "training.attempt",
    describe=rows_describer(
        Attempt,
        ("module__title",),
        lambda uuid, module__title: _("Training attempt (%(title)s)") % {"title": module__title},
    ),
    label=gettext_lazy("Training attempt"),
)
audit_describer_register(
    "training.assignment",
    describe=rows_describer(
        Assignment,
        ("module__title",),
        lambda uuid, module__title: _("Training assignment (%(title)s)") % {"title": module__title},
    ),
    label=gettext_lazy("Training assignment"),
)
audit_describer_register(
    "training.department",
    describe=rows_describer(Department, ("name",), lambda uuid, name: _("Department %(name)s") % {"name": name}),
    label=gettext_lazy("Department"),
)
