# SPDX-License-Identifier: EUPL-1.2
"""How a survey page declares what it shows and gets its survey: as ``partnerships.views._shared`` does for
a partnership. The survey is found among the actor's, then the policy is asked about the declared class on
its partnership (and, for ``partnerships.manage``, about running it); anything else is the same 404."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponseBase

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.permissions import Shown, Shows
from weerbaar.partnerships.views._shared import shows
from weerbaar.surveys import selectors

View = Callable[..., HttpResponseBase]
#: Results, the survey list: aggregates, for every member.
AGGREGATE = Shown(DataClass.AGGREGAAT)
#: Running a survey: its questions, status and links.
OPERATIONAL = Shown(DataClass.OPERATIONEEL)


def survey_page(shown: Shown, *, code: str = Perm.PARTNERSHIPS_VIEW) -> Callable[[View], View]:
    """A view of one survey (URL argument ``uuid``), called as ``view(request, survey, **rest)``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, uuid: str, **kwargs: Any) -> HttpResponseBase:
            actor = actor_of(request)
            survey = selectors.survey_get(actor=actor, uuid=uuid)
            if (
                survey is None
                or survey.partnership is None
                or not can(actor, Perm.PARTNERSHIPS_VIEW, Shows(survey.partnership, shown))
            ):
                raise Http404
            if code == Perm.PARTNERSHIPS_MANAGE and not can(actor, code, survey.partnership):
                raise Http404
            return view(request, survey, **kwargs)

        return access(permission(code))(shows(shown)(wrapped))

    return decorator
