# SPDX-License-Identifier: EUPL-1.2
"""The one shape of a versioned action: form, version check, service, redirect with a success message.

Every action is its own POST endpoint on an object's detail page. Its form carries the version the page
was loaded with; a save against a newer version is refused (409) and the page is shown again with the
current state and what was typed — now against the current version, so saving again is a conscious
choice and nothing anyone else did is overwritten silently. A service's ValidationError is shown on the
form; its PermissionDenied is a refusal with a message (403) when the page names one. Never a 500.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.versioning import StaleVersionError

STALE_MESSAGE = _(
    "Someone else has changed this in the meantime. Your change has not been saved; "
    "check the current details below and try again."
)


class Versioned(Protocol):
    @property
    def uuid(self) -> Any: ...

    @property
    def version(self) -> int: ...


@dataclass(frozen=True)
class ActionPage:
    """The detail page an app's versioned actions live on.

    ``render`` shows the page (with ``bound`` forms by key, and a status code); ``url_name`` is where a
    successful action goes (with ``uuid``); ``stale`` and ``denied`` are the messages of a stale form and
    of a service's PermissionDenied (None: the PermissionDenied is not caught, the caller answers 404).
    """

    render: Callable[..., HttpResponse]
    url_name: str
    stale: StrOrPromise = STALE_MESSAGE
    denied: StrOrPromise | None = None
    aliases: Mapping[str, str] = field(default_factory=dict)


def versioned_action(
    request: HttpRequest,
    obj: Versioned,
    *,
    page: ActionPage,
    key: str,
    make_form: Callable[[QueryDict], Form],
    apply: Callable[[dict[str, Any]], object],
    done: StrOrPromise,
) -> HttpResponse:
    """Run one action on ``obj``. ``key`` names the form on the page; ``apply`` calls the service with the
    cleaned data (``data["version"]`` is the version the form was loaded with)."""
    form = make_form(request.POST)
    valid = form.is_valid()
    # The version is checked first: on a changed object even the choices offered may no longer apply.
    if form.cleaned_data.get("version") != obj.version:
        messages.error(request, page.stale)
        data = request.POST.copy()
        data["version"] = str(obj.version)
        return page.render(request, obj, bound={key: make_form(data)}, status=409)
    if not valid:
        return page.render(request, obj, bound={key: form})
    try:
        apply(form.cleaned_data)
    except StaleVersionError:
        messages.error(request, page.stale)
        return page.render(request, obj, status=409)
    except ValidationError as exc:
        apply_service_error(form, exc, aliases=page.aliases)
        return page.render(request, obj, bound={key: form})
    except PermissionDenied:
        if page.denied is None:
            raise
        messages.error(request, page.denied)
        return page.render(request, obj, status=403)
    messages.success(request, done)
    return redirect(page.url_name, uuid=obj.uuid)
