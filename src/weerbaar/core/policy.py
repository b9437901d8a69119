# SPDX-License-Identifier: EUPL-1.2
"""The one authorization policy. Default deny.

Every decision about who may see or do what goes through :func:`can`. Apps declare their permission
codes (:mod:`weerbaar.core.permissions`) and register their rules in their own ``permissions.py``
(loaded at start-up by ``CoreConfig.ready``, which refuses codes with a rule and no declaration or the
other way round); a permission code without a registered rule is refused. A rule receives the
:class:`Actor` — a user acting for one organisation — and optionally an object, and answers ``True``
only when access is certain.

Views declare what they need with :func:`access` (function views) or the ``access_rule`` attribute
(class-based and API views). :class:`~weerbaar.core.middleware.PolicyMiddleware` refuses any view that
declares nothing, so a forgotten check is a 404, not a leak.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from django.core.exceptions import ImproperlyConfigured

from weerbaar.core.permissions import declared_codes

if TYPE_CHECKING:
    from weerbaar.accounts.models import User
    from weerbaar.organisations.models import Organisation


@dataclass(frozen=True)
class Actor:
    """A person (or machine client) acting for one organisation, with the permissions that gives them."""

    user: User | None
    organisation: Organisation | None
    roles: frozenset[str] = field(default_factory=frozenset)
    permissions: frozenset[str] = field(default_factory=frozenset)
    via_token: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def organisation_id(self) -> int | None:
        return self.organisation.pk if self.organisation is not None else None

    def has_role(self, role: str) -> bool:
        return role in self.roles


ANONYMOUS: Final = Actor(user=None, organisation=None)

Rule = Callable[[Actor, Any], bool]
_RULES: dict[str, Rule] = {}


def register(code: str) -> Callable[[Rule], Rule]:
    """Decorator: register the object-level rule for a permission code."""

    def decorator(func: Rule) -> Rule:
        if code in _RULES and _RULES[code] is not func:
            raise ValueError(f"Permission {code!r} already has a rule.")
        _RULES[code] = func
        return func

    return decorator


def registered_codes() -> frozenset[str]:
    return frozenset(_RULES)


def check_declarations() -> None:
    """Refuse to start when a code has a rule but no declaration, or the other way round.

    Without a declaration nobody knows whether the code needs screening or may go to a private
    partner; without a rule every use of it is refused. Both are mistakes to catch before serving.
    """
    declared = declared_codes()
    problems = [f"{code!r} has a rule but is not declared" for code in sorted(registered_codes() - declared)]
    problems += [f"{code!r} is declared but has no rule" for code in sorted(declared - registered_codes())]
    if problems:
        raise ImproperlyConfigured("Permission codes out of step: " + "; ".join(problems) + ".")


def can(actor: Actor, code: str, obj: Any = None) -> bool:
    """Whether ``actor`` may exercise permission ``code`` (on ``obj``). Unknown codes are refused."""
    rule = _RULES.get(code)
    if rule is None or not actor.is_authenticated or code not in actor.permissions:
        return False
    return bool(rule(actor, obj))


# --- Rule helpers shared by apps -------------------------------------------------------------------


def any_object(actor: Actor, obj: Any) -> bool:
    """The role grants the permission, regardless of object (used for page-level permissions)."""
    return True


def same_organisation(actor: Actor, obj: Any) -> bool:
    """Without an object: the role grants it. With one: the object belongs to the actor's organisation."""
    if obj is None:
        return True
    return actor.organisation_id is not None and getattr(obj, "organisation_id", None) == actor.organisation_id


# --- View declarations -----------------------------------------------------------------------------


class AccessRule:
    """What a view requires. Exactly one of the module-level constants or :func:`permission`."""

    __slots__ = ("code", "kind")

    def __init__(self, kind: str, code: str | None = None) -> None:
        self.kind = kind
        self.code = code

    def __repr__(self) -> str:
        return f"AccessRule({self.kind!r}, {self.code!r})"


#: Anyone, also without logging in (log-in page, health checks, public reporting, OpenAPI).
PUBLIC: Final = AccessRule("public")
#: Password accepted but second factor still pending (the MFA step itself).
PASSWORD_ONLY: Final = AccessRule("password_only")
#: Logged in with a second factor; no particular permission (own profile, start page).
AUTHENTICATED: Final = AccessRule("authenticated")


def permission(code: str) -> AccessRule:
    """Logged in with a second factor and holding ``code`` (object checks happen in selectors)."""
    return AccessRule("permission", code)


def access[F: Callable[..., Any]](rule: AccessRule) -> Callable[[F], F]:
    """Declare a function view's access rule."""

    def decorator(view: F) -> F:
        view.access_rule = rule  # type: ignore[attr-defined]
        return view

    return decorator


def public[F: Callable[..., Any]](view: F) -> F:
    """Mark a third-party view (set_language, OIDC callbacks, schema) as public."""
    return access(PUBLIC)(view)


def is_verified(user: Any) -> bool:
    """Whether the session's user passed the second factor (django-otp's OTPMiddleware sets this)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def actor_of(request: Any) -> Actor:
    """The actor the middleware (or API authentication) attached to the request; anonymous otherwise."""
    actor = getattr(request, "actor", None)
    return actor if actor is not None else ANONYMOUS


def declared_rule(view_func: Any) -> AccessRule | None:
    for candidate in (view_func, getattr(view_func, "view_class", None), getattr(view_func, "cls", None)):
        rule = getattr(candidate, "access_rule", None)
        if isinstance(rule, AccessRule):
            return rule
    return None


def codes_of(rules: Iterable[AccessRule]) -> set[str]:
    return {r.code for r in rules if r.code}
