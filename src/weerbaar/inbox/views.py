# SPDX-License-Identifier: EUPL-1.2
"""The "My work" page (/mijn-werk/): every logged-in actor, their own work only."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from weerbaar.core.policy import AUTHENTICATED, access, actor_of
from weerbaar.inbox import services
from weerbaar.inbox.forms import DigestPreferenceForm
from weerbaar.inbox.models import DigestPreference
from weerbaar.inbox.selectors import inbox_sections


def _render(request: HttpRequest, form: DigestPreferenceForm, status: int = 200) -> HttpResponse:
    actor = actor_of(request)
    sections = inbox_sections(actor=actor)
    context = {"sections": sections, "total": sum(s.count for s in sections), "form": form}
    return render(request, "inbox/index.html", context, status=status)


@require_GET
@access(AUTHENTICATED)
def index_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    daily = DigestPreference.objects.filter(user=actor.user, daily=True).exists()
    return _render(request, DigestPreferenceForm(initial={"daily": daily}, auto_id="digest_%s"))


@require_POST
@access(AUTHENTICATED)
def digest_preference_view(request: HttpRequest) -> HttpResponse:
    form = DigestPreferenceForm(request.POST, auto_id="digest_%s")
    if not form.is_valid():
        return _render(request, form, status=400)
    preference = services.digest_preference_set(actor=actor_of(request), daily=form.cleaned_data["daily"])
    if preference.daily:
        messages.success(request, _("You will get a daily e-mail with the number of items waiting."))
    else:
        messages.success(request, _("You will no longer get the daily e-mail."))
    return redirect("inbox:index")
