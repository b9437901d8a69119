# SPDX-License-Identifier: EUPL-1.2
"""A status machine's legal moves as one table, with the check every service runs before a move."""

from collections.abc import Iterable, Iterator, Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

#: Placeholders: ``%(from)s`` and ``%(to)s``, the labels of both statuses.
DEFAULT_MESSAGE = _("Status “%(from)s” cannot go to “%(to)s”.")


class Transitions(Mapping[str, frozenset[str]]):
    """``Transitions({from: {to, …}}, labels=Status)``: a read-only mapping from a status to where it may go.

    ``message`` is the refusal shown to the user (``%(from)s``/``%(to)s`` are filled with labels); with
    ``field`` the refusal belongs to that form field instead of the whole form.
    """

    def __init__(
        self,
        table: Mapping[str, Iterable[str]],
        *,
        labels: Mapping[str, StrOrPromise] | Iterable[tuple[str, StrOrPromise]] = (),
        message: StrOrPromise = DEFAULT_MESSAGE,
        field: str | None = None,
    ) -> None:
        self._table = {str(source): frozenset(str(target) for target in targets) for source, targets in table.items()}
        self._labels = dict(labels)
        self._message = message
        self._field = field

    def __getitem__(self, status: str) -> frozenset[str]:
        return self._table[status]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def next(self, status: str) -> frozenset[str]:
        """Where ``status`` may go (nothing for an unknown or final status)."""
        return self._table.get(status, frozenset())

    def allowed(self, from_status: str, to_status: str) -> bool:
        return to_status in self.next(from_status)

    def label(self, status: str) -> str:
        return str(self._labels.get(status, status))

    def check(self, from_status: str, to_status: str) -> None:
        """Refuse an illegal move with a ``ValidationError`` in the user's language."""
        if self.allowed(from_status, to_status):
            return
        message = str(self._message) % {"from": self.label(from_status), "to": self.label(to_status)}
        raise ValidationError({self._field: message} if self._field else message)


def forward_only(order: Iterable[str]) -> dict[str, list[str]]:
    """The table of a machine that only moves forward through ``order``, skipping steps (the last is final)."""
    statuses = [str(s) for s in order]
    return {s: statuses[i + 1 :] for i, s in enumerate(statuses)}


def one_step_or(order: Iterable[str], *, exit_to: str) -> dict[str, set[str]]:
    """The table of a machine that moves one step at a time and can go to ``exit_to`` from any open status."""
    statuses = [str(s) for s in order]
    return {s: {statuses[i + 1], str(exit_to)} if i + 1 < len(statuses) else set() for i, s in enumerate(statuses)}
