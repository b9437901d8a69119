# SPDX-License-Identifier: EUPL-1.2
"""The survey pages, the public response page and the API, and the no-leak rule: no page or API answer of a
survey ever shows a count of 1 to 4, or anything of a single response."""

import csv
import io
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.api.services import api_token_issue
from weerbaar.core.disclosure import SUPPRESSED
from weerbaar.partnerships.tests.factories import Area, facilitator_actor, make_area
from weerbaar.surveys import services
from weerbaar.surveys.constants import Status
from weerbaar.surveys.models import Response, ResponseLink, Survey
from weerbaar.surveys.tests.factories import bulk_responses, make_survey, move, open_survey

pytestmark = pytest.mark.usefixtures("geography")


@pytest.fixture
def area() -> Area:
    return make_area()


def _farmer(area: Area) -> Any:
    return next(iter(area.private_reps.values()))


def test_every_survey_route_declares_what_it_shows() -> None:
    from django.urls import get_resolver

    from weerbaar.core.policy import declared_rule
    from weerbaar.partnerships.permissions import Shown

    resolver = get_resolver()
    routes = []
    for namespace in ("surveys", "surveys_api"):
        _prefix, sub = resolver.namespace_dict[namespace]
        routes += [(f"{namespace}:{p.name}", p.callback) for p in sub.url_patterns if p.name]
    public = {"surveys:respond", "surveys:thanks"}
    # An organisation's staff surveys are area D: no partnership, no data class; each declares its own code.
    staff = [(name, view) for name, view in routes if "staff_" in name or "personeelsenquete" in name]
    assert len(routes) - len(staff) == 13
    assert len(staff) == 8
    for name, view in routes:
        if (name, view) in staff:
            rule = declared_rule(view)
            assert rule is not None and rule.code in {"surveys.staff_manage", "surveys.staff_view"}, name
            continue
        shown = getattr(view, "shown", None) or getattr(getattr(view, "cls", None), "shown", None)
        assert name in public or isinstance(shown, Shown), name


def test_facilitator_makes_opens_and_hands_out_links(area: Area) -> None:
    client = verified_client(area.facilitator)
    partnership = area.partnership
    detail = client.get(reverse("partnerships:detail", kwargs={"uuid": partnership.uuid}))
    assert reverse("surveys:list", kwargs={"uuid": partnership.uuid}) in detail.content.decode()
    response = client.post(
        reverse("surveys:create", kwargs={"uuid": partnership.uuid}),
        {"title": "Nulmeting 2026", "purpose": "nulmeting"},
    )
    survey = Survey.objects.get(partnership=partnership)
    assert response.status_code == 302 and response["Location"] == reverse(
        "surveys:detail", kwargs={"uuid": survey.uuid}
    )
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'data-testid="questions"' in page.content.decode()
    # A stale form is refused without a change, then opening works.
    url = reverse("surveys:transition", kwargs={"uuid": survey.uuid, "to_status": "open"})
    assert client.post(url, {"version": survey.version + 5}).status_code == 409
    assert client.post(url, {"version": survey.version}).status_code == 302
    survey.refresh_from_db()
    assert survey.status == Status.OPEN
    # Generating links answers with the file itself: the links exist only there.
    links = reverse("surveys:links", kwargs={"uuid": survey.uuid})
    download = client.post(links, {"count": "3", "format": "csv"})
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == ["link"] and len(rows) == 4
    plain = client.post(links, {"count": "2", "format": "txt"}).content.decode().split()
    assert len(plain) == 2 and ResponseLink.objects.filter(survey=survey).count() == 5
    token = rows[1][0].rstrip("/").rsplit("/", 1)[1]
    assert Client().get(reverse("surveys:respond", kwargs={"token": token})).status_code == 200
    # Bad input is a readable form error, not a 500.
    bad = client.post(links, {"count": "100000", "format": "csv"})
    assert bad.status_code == 200 and "utrecht-form-field-error-message" in bad.content.decode()


def test_question_edit_refuses_bad_input_readably_and_closes_after_opening(area: Area) -> None:
    survey = make_survey(area.partnership)
    client = verified_client(area.facilitator)
    scale = survey.questions.get(kind="schaal")
    url = reverse("surveys:question_edit", kwargs={"uuid": survey.uuid, "question_uuid": scale.uuid})
    response = client.post(url, {"text": "Hoe veilig?", "options": "een\ntwee", "version": survey.version})
    assert response.status_code == 400
    assert "weerbaar-error-summary" in response.content.decode()
    move(survey, Status.OPEN)
    survey.refresh_from_db()
    response = client.post(url, {"text": "Hoe veilig?", "options": "1\n2\n3\n4\n5", "version": survey.version})
    assert response.status_code == 400
    scale.refresh_from_db()
    assert scale.text != "Hoe veilig?"


def test_members_see_the_list_and_results_but_do_not_run_surveys(area: Area) -> None:
    survey = make_survey(area.partnership)
    farmer = verified_client(_farmer(area))
    assert farmer.get(reverse("surveys:list", kwargs={"uuid": area.partnership.uuid})).status_code == 200
    assert farmer.get(reverse("surveys:results", kwargs={"uuid": survey.uuid})).status_code == 200
    assert farmer.get(reverse("surveys:detail", kwargs={"uuid": survey.uuid})).status_code in (403, 404)
    assert farmer.post(reverse("surveys:links", kwargs={"uuid": survey.uuid}), {"count": 3}).status_code in (403, 404)
    outsider = verified_client(make_area().facilitator)
    assert outsider.get(reverse("surveys:results", kwargs={"uuid": survey.uuid})).status_code == 404


def _token(survey: Survey) -> str:
    [token] = services.links_generate(actor=facilitator_actor(survey.partnership), survey=survey, count=1)
    return token


def _form_data(survey: Survey) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for number, question in enumerate(survey.questions.prefetch_related("options"), start=1):
        data[f"q{number}"] = str(question.options.all()[0].position)
    return data


def test_the_public_response_page(area: Area) -> None:
    survey = open_survey(area.partnership)
    token = _token(survey)
    url = reverse("surveys:respond", kwargs={"token": token})
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<fieldset") == survey.questions.count() and "<legend" in html
    assert 'name="csrfmiddlewaretoken"' in html
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert csrf is not None
    # Without CSRF token: refused. Missing answers: the error summary, nothing stored.
    assert client.post(url, _form_data(survey)).status_code == 403
    partial = {**_form_data(survey), "csrfmiddlewaretoken": csrf.group(1)}
    partial.pop("q2")
    partial["q3"] = "99"
    again = client.post(url, partial)
    assert again.status_code == 200 and "weerbaar-error-summary" in again.content.decode()
    assert Response.objects.count() == 0
    done = client.post(url, {**_form_data(survey), "csrfmiddlewaretoken": csrf.group(1)})
    assert done.status_code == 302 and done["Location"] == reverse("surveys:thanks")
    assert Response.objects.filter(survey=survey).count() == 1
    # Used, unknown, far too long: the same page, no hint which.
    for bad in (
        url,
        reverse("surveys:respond", kwargs={"token": "onbekend"}),
        reverse("surveys:respond", kwargs={"token": "x" * 300}),
    ):
        answer = Client().get(bad)
        assert answer.status_code == 404 and 'data-testid="unusable"' in answer.content.decode()
    used = Client().get(url).content.decode()
    unknown = Client().get(reverse("surveys:respond", kwargs={"token": "onbekend"})).content.decode()
    assert _main(used) == _main(unknown)


def _main(html: str) -> str:
    match = re.search(r"<main.*?</main>", html, re.S)
    return re.sub(r'value="[^"]*"', "", match.group(0)) if match else html


def test_a_closed_survey_link_gets_the_same_page(area: Area) -> None:
    survey = open_survey(area.partnership)
    token = _token(survey)
    move(survey, Status.GESLOTEN)
    url = reverse("surveys:respond", kwargs={"token": token})
    assert Client().get(url).status_code == 404
    assert Client().post(url, _form_data(survey)).status_code == 404


def test_wrong_links_are_throttled_per_session(area: Area) -> None:
    client = Client()
    for _i in range(20):
        assert client.get(reverse("surveys:respond", kwargs={"token": "onbekend"})).status_code == 404
    assert client.get(reverse("surveys:respond", kwargs={"token": "onbekend"})).status_code == 429


COUNT_1_TO_4 = re.compile(r"^[1-4]$")


def _cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def _json_figures(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [
            f
            for k, v in value.items()
            if k
            not in {
                "uuid",
                "enquete",
                "titel",
                "vraag",
                "antwoord",
                "reden",
                "count",
                "next",
                "previous",
                "aangemaaktOp",
            }
            for f in _json_figures(v)
        ]
    if isinstance(value, list):
        return [f for v in value for f in _json_figures(v)]
    return [str(value)]


@pytest.mark.parametrize("responses", [1, 4, 6, 23])
def test_no_page_or_api_answer_shows_a_count_of_1_to_4(area: Area, responses: int) -> None:
    survey = open_survey(area.partnership)
    # Skewed on purpose: nearly all residents, one farmer, and one answer that only one person gave.
    picks = [[0, 4, 1, [0], 1, 0, [4], 0, 0] for _i in range(responses)]
    picks[0] = [1, 0, 0, [1, 2], 0, 2, [0, 1], 1, 1]
    bulk_responses(survey, picks)
    move(survey, Status.GESLOTEN)
    member = _farmer(area)
    client = verified_client(member)
    _token, raw = api_token_issue(user=member)
    pages = [
        reverse("surveys:list", kwargs={"uuid": area.partnership.uuid}),
        reverse("surveys:results", kwargs={"uuid": survey.uuid}),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert not [c for c in _cells(html) if COUNT_1_TO_4.match(c)], url
        if responses < 5:
            assert 'data-testid="result-table"' not in html
    manager = verified_client(area.facilitator)
    detail = manager.get(reverse("surveys:detail", kwargs={"uuid": survey.uuid})).content.decode()
    summary = re.search(r'data-testid="summary">(.*?)</p>', detail, re.S)
    assert summary is not None and not re.search(r"reacties: [1-4]\b|responses: [1-4]\b", summary.group(1))
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    for url in (
        reverse("surveys_api:gebiedssamenwerking-enquetes", kwargs={"uuid": area.partnership.uuid}),
        reverse("surveys_api:enquete-resultaten", kwargs={"uuid": survey.uuid}),
    ):
        answer = api.get(url)
        assert answer.status_code == 200, url
        figures = _json_figures(answer.json())
        assert not [f for f in figures if COUNT_1_TO_4.match(f)], (url, figures)
    if responses >= 5:
        results = api.get(reverse("surveys_api:enquete-resultaten", kwargs={"uuid": survey.uuid})).json()
        assert results["beschikbaar"]
        # Six with one farmer: every figure would point at him, so nothing is shown; 23: shown, suppressed.
        assert (SUPPRESSED in json.dumps(results, ensure_ascii=False)) == (responses > 6)


def test_the_api_refuses_outsiders_and_lists_a_partnerships_surveys(area: Area) -> None:
    survey = make_survey(area.partnership)
    _token_obj, raw = api_token_issue(user=_farmer(area))
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    listed = api.get(reverse("surveys_api:gebiedssamenwerking-enquetes", kwargs={"uuid": area.partnership.uuid}))
    assert listed.status_code == 200
    assert [s["uuid"] for s in listed.json()["results"]] == [str(survey.uuid)]
    assert listed.json()["results"][0]["reacties"] == "0"
    results = api.get(reverse("surveys_api:enquete-resultaten", kwargs={"uuid": survey.uuid})).json()
    assert results["beschikbaar"] is False and results["vragen"] == []
    _t, outsider = api_token_issue(user=make_area().facilitator)
    other = Client(headers={"Authorization": f"Bearer {outsider}"})
    assert other.get(reverse("surveys_api:enquete-resultaten", kwargs={"uuid": survey.uuid})).status_code == 404
