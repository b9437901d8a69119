# SPDX-License-Identifier: EUPL-1.2
"""Sections of the situational picture that a domain app fills for the actor, beside the registry's figures.

Some overviews are not counts of base cells: the programme manager's view of the cases (his own cases
counted exactly, an overdue intervention named with its case) is read on need-to-know, per actor. A domain
app registers such a section here (from its ``figures`` module) with the permission code it needs, a template
of its own and a function that builds the template's context; the dashboard shows it at ``#<key>`` and audits
the read. So the insights app still imports no domain app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django_stubs_ext import StrOrPromise

from weerbaar.core.policy import Actor, can


@dataclass(frozen=True)
class Section:
    key: str  # the anchor on the dashboard, Dutch
    title: StrOrPromise
    permission: str
    template: str
    context: Callable[[Actor], dict[str, Any]]
    #: What the read is audited as (the object type of the rows the section reads).
    audit_object_type: str
    order: int = 100
    #: What the section adds to the confidential report to the council of an organisation (its id): the
    #: context of ``report_template``. None: the section is not part of that report. The domain app decides
    #: what the council may read of the organisation; the report's maker need not read it on his own page.
    #: A report that may be published carries no section: a section is not made of base cells.
    council_report: Callable[[int], dict[str, Any]] | None = None
    report_template: str = ""


_SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> None:
    _SECTIONS[section.key] = section


def sections_readable(*, actor: Actor) -> list[Section]:
    return sorted((s for s in _SECTIONS.values() if can(actor, s.permission)), key=lambda s: (s.order, s.key))


def council_report_sections() -> list[Section]:
    return sorted((s for s in _SECTIONS.values() if s.council_report is not None), key=lambda s: (s.order, s.key))
