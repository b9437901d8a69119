# SPDX-License-Identifier: EUPL-1.2
"""What every certification page shares: the declared classes, the cycle of the partnership, and the one
shape of a form page (GET shows it; POST runs the service; a refusal shows it again with the reason)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from weerbaar.certification import selectors
from weerbaar.certification.models import CertificationCycle
from weerbaar.core.policy import actor_of
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.models import Participant, Partnership
from weerbaar.partnerships.permissions import Shown

AGGREGATE = Shown(DataClass.AGGREGAAT)
OPERATIONAL = Shown(DataClass.OPERATIONEEL)
PERSONAL = Shown(DataClass.PERSOONLIJK)
STALE = _("Someone else changed this in the meantime. Check the current values and save again.")


def current_cycle(request: HttpRequest, partnership: Partnership) -> CertificationCycle:
    """The partnership's round in progress; 404 when certification has not started."""
    cycle = selectors.cycle_current(actor=actor_of(request), partnership=partnership)
    if cycle is None:
        raise Http404
    return cycle


def active_participants(partnership: Partnership) -> QuerySet[Participant]:
    """The participants a measure, walk or meeting may name: those that have not left."""
    return partnership.participants.filter(left_at__isnull=True).select_related("organisation")


def form_page(
    request: HttpRequest,
    *,
    form: Form,
    template: str,
    context: dict[str, Any],
    run: Callable[[dict[str, Any]], Any],
    done: StrOrPromise,
    next_url: Callable[[Any], str],
    field: str | None = None,
) -> HttpResponse:
    """Run ``run(cleaned_data)`` on a valid POST and go to ``next_url(result)``; show the form otherwise."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            result = run(form.cleaned_data)
        except StaleVersionError:
            form.add_error(None, str(STALE))
            status = 409
        except ValidationError as error:
            apply_service_error(form, error, field=field)
        except PermissionDenied as error:
            raise Http404 from error
        else:
            messages.success(request, done)
            return redirect(next_url(result))
    return render(request, template, {**context, "form": form}, status=status)
