# SPDX-License-Identifier: EUPL-1.2
"""The correlation subjects' part of area B's random-world agreement tests (area C has no subjects)."""

from collections.abc import Iterable

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.models import Subject
from weerbaar.correlation.selectors import subject_get, subjects_exportable, subjects_visible


def assert_subjects_agree(actor: Actor, subjects: Iterable[Subject], *, visible: bool, exportable: bool) -> None:
    """The correlation provider shows the subjects of a source the actor sees, and exports those it exports."""
    visible_subjects = set(subjects_visible(actor=actor))
    exportable_subjects = set(subjects_exportable(actor=actor))
    for subject in subjects:
        seen = visible and Perm.CORRELATION_VIEW in actor.permissions
        assert (subject in visible_subjects) == seen
        assert can(actor, Perm.CORRELATION_VIEW, subject) == seen
        assert (subject_get(actor=actor, uuid=subject.uuid) is not None) == seen
        assert (subject in exportable_subjects) == (seen and exportable)
