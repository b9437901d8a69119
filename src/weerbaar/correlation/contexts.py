# SPDX-License-Identifier: EUPL-1.2
"""Where subjects are named, and who may see them there: one provider per kind of context.

Correlation never decides on its own who may see a subject. The app that owns a context (signals for a
signal, cases for a case item) registers a :class:`ContextProvider` from its ``correlation.py`` module
(discovered at start-up); the provider answers with that app's own policy and selectors:

- ``visible(actor)``: a filter over :class:`~weerbaar.correlation.models.Subject` for the subjects whose
  content the actor may see (a signal of their intake organisation; a case item visible to them under
  need-to-know, Wpg and consent rules);
- ``exportable(actor)``: the subset that may also leave Weerbaar in an export;
- ``describe(subjects)``: what a hit may say about each subject's context — its kind and the organisation
  responsible — plus, for those who may see it, its number and page;
- ``request_access``: the context's own access procedure;
- ``notice_recipients``: who answers for the contexts that name an entity, for the note that a new
  correlation exists (never with content; see ``services.subjects.contexts_notify``).

Default deny: an actor without any provider's permission sees nothing, and a subject whose context has
no provider is never shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

from django.db.models import Q
from django.utils.crypto import salted_hmac
from django_stubs_ext import StrOrPromise

from weerbaar.core.policy import Actor

if TYPE_CHECKING:
    from weerbaar.correlation.models import Subject


@dataclass(frozen=True)
class ContextRef:
    """A subject's context. ``label`` and ``url`` are only filled for those who may see the context."""

    kind: str
    kind_label: StrOrPromise
    key: str  # stable identity of the context for grouping; opaque when hidden (see ``context_key``)
    organisation_id: int | None
    organisation_name: str
    uuid: UUID | None = None
    label: str = ""
    url: str = ""


class ContextProvider(Protocol):
    kind: str
    #: The foreign key on Subject that points into this context ("signal", "case_item").
    field: str

    def get(self, actor: Actor, uuid: UUID | str) -> ContextRef | None:
        """The context with this UUID, fully described, if the actor may see it; else None."""
        ...

    def subjects_in(self, uuid: UUID | str) -> Q:
        """A filter over Subject for the subjects named in the context with this UUID."""
        ...

    def visible(self, actor: Actor) -> Q: ...

    def exportable(self, actor: Actor) -> Q: ...

    def describe(self, subjects: Iterable[Subject], *, full: bool) -> dict[int, ContextRef]: ...

    def may_request_access(self, actor: Actor) -> bool:
        """Whether the context's access procedure is open to this actor (a case: only to case readers)."""
        ...

    def request_access(self, actor: Actor, subject: Subject, reason: str) -> None: ...

    def add_subject(
        self, actor: Actor, uuid: UUID | str, kind: str, values: dict[str, Any], provenance: dict[str, Any]
    ) -> Subject:
        """Add a subject to the context through the owning app's service (which checks the actor's rights);
        ``provenance`` may hold ``source``, ``source_detail``, ``regime`` and ``consent_required``.
        Raises PermissionDenied (or Http404) when the actor may not add there."""
        ...

    def notice_recipients(self, *, entity_id: int, new: Subject) -> dict[str, list[str]]:
        """Who answers for this provider's contexts that name the entity (other than ``new``'s own context):
        each recipient's address with the labels of their contexts ("signal M2026-…"), for the note that a
        new correlation exists."""
        ...


_PROVIDERS: dict[str, ContextProvider] = {}


def context_key(kind: str, uuid: UUID, *, full: bool) -> str:
    """The identity of a context for grouping hits: readable where the actor may see the context, an opaque
    keyed hash where not — so not even the UUID of a hidden signal or case leaves Weerbaar in a hit."""
    if full:
        return f"{kind}:{uuid}"
    return (
        f"{kind}:x{salted_hmac('weerbaar.correlation.context', f'{kind}:{uuid}', algorithm='sha256').hexdigest()[:24]}"
    )


def register_context(provider: ContextProvider) -> None:
    existing = _PROVIDERS.get(provider.kind)
    if existing is not None and type(existing) is not type(provider):
        raise ValueError(f"Context kind {provider.kind!r} already has a provider.")
    _PROVIDERS[provider.kind] = provider


def providers() -> list[ContextProvider]:
    return list(_PROVIDERS.values())


def provider(kind: str) -> ContextProvider | None:
    return _PROVIDERS.get(kind)


def provider_for(subject: Subject) -> ContextProvider | None:
    for provider in _PROVIDERS.values():
        if getattr(subject, f"{provider.field}_id", None) is not None:
            return provider
    return None


def _combine(parts: Iterable[Q]) -> Q:
    combined: Q | None = None
    for part in parts:
        combined = part if combined is None else combined | part
    # No provider (or none that grants anything): a filter that matches nothing.
    return combined if combined is not None else Q(pk__in=[])


def visible_q(actor: Actor) -> Q:
    """Subjects whose content the actor may see, over every context kind."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    return _combine(provider.visible(actor) for provider in _PROVIDERS.values())


def exportable_q(actor: Actor) -> Q:
    if not actor.is_authenticated:
        return Q(pk__in=[])
    return _combine(provider.exportable(actor) for provider in _PROVIDERS.values())


def describe(subjects: Iterable[Subject], *, full_for: set[int]) -> dict[int, ContextRef]:
    """The context of every subject; number and page only for the subjects in ``full_for``."""
    grouped: dict[str, list[Subject]] = {}
    for subject in subjects:
        provider = provider_for(subject)
        if provider is not None:
            grouped.setdefault(provider.kind, []).append(subject)
    out: dict[int, ContextRef] = {}
    for kind, items in grouped.items():
        provider = _PROVIDERS[kind]
        full = [s for s in items if s.pk in full_for]
        hidden = [s for s in items if s.pk not in full_for]
        if full:
            out.update(provider.describe(full, full=True))
        if hidden:
            out.update(provider.describe(hidden, full=False))
    return out
