# SPDX-License-Identifier: EUPL-1.2
"""The public response page (/enquete/<token>/): no log-in, CSRF-protected, all questions required.

Nothing about the respondent is kept or logged: the log names the route, never the path with the token;
the response holds the survey and the date only. A link that cannot be used — unknown, used, or of a
survey that is not open — gets one and the same page, which does not say which of these it is. Wrong links
are throttled per browser session and for everyone together, as the other public pages are.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.core.policy import PUBLIC, access
from weerbaar.core.ratelimit import RateLimit, ratelimit_exceeded, ratelimit_hit
from weerbaar.surveys import selectors, services
from weerbaar.surveys.forms import ResponseForm

FAILED_SESSION_KEY = "surveys_failed_links"
#: Links that cannot be used one browser session may try, and everyone together per window.
MAX_FAILED_PER_SESSION = 20
MAX_FAILED_GLOBAL = 300
WINDOW_SECONDS = 600
_GLOBAL = RateLimit(scope="surveys.link-failures", limit=MAX_FAILED_GLOBAL, window_seconds=WINDOW_SECONDS)


def _blocked(request: HttpRequest) -> bool:
    return int(request.session.get(FAILED_SESSION_KEY, 0)) >= MAX_FAILED_PER_SESSION or ratelimit_exceeded(_GLOBAL)


def _unusable(request: HttpRequest) -> HttpResponse:
    request.session[FAILED_SESSION_KEY] = int(request.session.get(FAILED_SESSION_KEY, 0)) + 1
    ratelimit_hit(_GLOBAL)
    return render(request, "surveys/unusable.html", status=404)


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def respond_view(request: HttpRequest, token: str) -> HttpResponse:
    if _blocked(request):
        return render(request, "surveys/unusable.html", {"blocked": True}, status=429)
    survey = services.link_survey(token=token)
    if survey is None:
        return _unusable(request)
    questions = selectors.questions_of(survey)
    form = ResponseForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(token=token, answers=form.answers())
        except services.LinkUnusable:
            return _unusable(request)
        except ValidationError:
            # The questions changed under the form (they cannot once the survey is open): ask again.
            form.add_error(None, _("Check your answers and send them again."))
        else:
            return redirect("surveys:thanks")
    return render(request, "surveys/respond.html", {"survey": survey, "form": form})


@access(PUBLIC)
@require_GET
def thanks_view(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html")
