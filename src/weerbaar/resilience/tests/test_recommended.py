# SPDX-License-Identifier: EUPL-1.2
"""Recommended measures: the barriers of the barrier models the coordinator sees that protect a weak process
or theme, beside the findings, and an improvement action prefilled from one of them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.core.policy import Actor
from weerbaar.knowledge import services as knowledge_services
from weerbaar.knowledge.constants import Phenomenon, ScanTopic
from weerbaar.knowledge.models import Barrier, BarrierModel
from weerbaar.knowledge.services import BarrierInput, StepInput
from weerbaar.organisations.constants import OrganisationType
from weerbaar.resilience import selectors
from weerbaar.resilience.questionnaire import version_1
from weerbaar.resilience.tests.factories import Office, actor, make_office, scanned, topic

pytestmark = pytest.mark.django_db


def _model(editor: Actor, title: str, *barriers: tuple[str, tuple[str, ...]], shared: bool = False) -> BarrierModel:
    model = knowledge_services.barrier_model_create(
        actor=editor,
        title=title,
        phenomenon=Phenomenon.VASTGOED,
        summary="",
        steps=[
            StepInput(
                name="Een pand verwerven",
                barriers=tuple(
                    BarrierInput(description=text, owner_type=OrganisationType.GEMEENTE, topics=keys)
                    for text, keys in barriers
                ),
            )
        ],
    )
    if shared:
        knowledge_services.barrier_model_share(actor=editor, barrier_model=model, shared=True)
    return model


def _barrier(model: BarrierModel, description: str) -> Barrier:
    model.refresh_from_db()
    return Barrier.objects.get(
        step__model_version__barrier_model=model, step__model_version__number=model.version, description=description
    )


@pytest.fixture
def office() -> Office:
    return make_office()


def test_the_scan_topics_of_the_knowledge_base_are_the_questionnaires() -> None:
    assert set(ScanTopic.values) == {t["key"] for t in version_1()["topics"]}


def test_a_weak_topic_is_recommended_the_visible_barriers_that_protect_it(office: Office) -> None:
    scan = scanned(office, level=1, keys=("vergunningen", "bewustzijn"))
    other = make_office()
    own = _model(
        office.manager,
        "Eigen model",
        ("Bibob-toets bij vergunningen", (ScanTopic.VERGUNNINGEN,)),
        ("Voorlichting aan balies", (ScanTopic.BEWUSTZIJN, ScanTopic.VERGUNNINGEN)),
        ("Niets met de scan", ()),
    )
    _model(other.manager, "Gedeeld model", ("Gedeelde barrière", (ScanTopic.VERGUNNINGEN,)), shared=True)
    _model(other.manager, "Ander model", ("Niet gedeeld", (ScanTopic.VERGUNNINGEN,)))
    _model(office.manager, "Alleen BRP", ("Adresonderzoek", (ScanTopic.BRP,)))

    recommendations = {r.topic_key: r for r in selectors.recommended_measures(actor=office.manager, scan=scan)}

    assert set(recommendations) == {"vergunningen", "bewustzijn"}
    permits = recommendations["vergunningen"]
    assert permits.topic_name == topic(scan, "vergunningen").name
    assert [(b.model_title, b.description) for b in permits.barriers] == [
        ("Eigen model", "Bibob-toets bij vergunningen"),
        ("Eigen model", "Voorlichting aan balies"),
        ("Gedeeld model", "Gedeelde barrière"),
    ]
    assert permits.barriers[0].owner_type == str(OrganisationType.GEMEENTE.label)
    assert permits.barriers[0].key == str(_barrier(own, "Bibob-toets bij vergunningen").key)
    assert [b.description for b in recommendations["bewustzijn"].barriers] == ["Voorlichting aan balies"]


def test_only_weak_topics_and_only_the_current_version_count(office: Office) -> None:
    strong = scanned(office, level=3, keys=("vergunningen",))
    model = _model(office.manager, "Model", ("Oude tekst", (ScanTopic.VERGUNNINGEN,)))
    assert selectors.recommended_measures(actor=office.manager, scan=strong) == []

    weak = scanned(office, level=1, keys=("vergunningen",))
    knowledge_services.barrier_model_step_save(
        actor=office.manager,
        barrier_model=model,
        expected_version=model.version,
        position=1,
        step=StepInput(
            name="Een pand verwerven",
            barriers=(
                BarrierInput(
                    description="Nieuwe tekst",
                    owner_type=OrganisationType.GEMEENTE,
                    key=_barrier(model, "Oude tekst").key,
                    topics=(ScanTopic.VERGUNNINGEN,),
                ),
            ),
        ),
        change_note="Tekst verbeterd",
    )
    (recommendation,) = selectors.recommended_measures(actor=office.manager, scan=weak)
    assert [b.description for b in recommendation.barriers] == ["Nieuwe tekst"]


def test_a_barrier_names_only_topics_of_the_scan(office: Office) -> None:
    with pytest.raises(ValidationError, match="Not a process or theme of the resilience scan: geen-thema"):
        _model(office.manager, "Model", ("Barrière", ("geen-thema",)))


def test_the_detail_page_recommends_and_prefills_an_action(office: Office) -> None:
    scan = scanned(office, level=1, keys=("vergunningen",))
    model = _model(office.manager, "Vastgoedmodel", ("Bibob-toets bij vergunningen", (ScanTopic.VERGUNNINGEN,)))
    barrier = _barrier(model, "Bibob-toets bij vergunningen")
    client = verified_client(office.coordinator)

    page = client.get(reverse("resilience:detail", kwargs={"uuid": scan.uuid}))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="recommended-vergunningen"' in html
    assert "Vastgoedmodel" in html and "Bibob-toets bij vergunningen" in html
    create = reverse("resilience:action_create", kwargs={"uuid": scan.uuid})
    assert f"{create}?barriere={barrier.key}&amp;onderwerp=vergunningen" in html

    form = client.get(create, {"barriere": str(barrier.key), "onderwerp": "vergunningen"}).context["form"]
    assert form.initial["title"] == "Bibob-toets bij vergunningen"
    assert form.initial["topic"] == topic(scan, "vergunningen").pk
    assert "Vastgoedmodel" in form.initial["description"]


def test_a_barrier_the_coordinator_cannot_see_prefills_nothing(office: Office) -> None:
    scan = scanned(office, level=1, keys=("vergunningen",))
    other = make_office()
    hidden = _barrier(_model(other.manager, "Niet gedeeld", ("Geheim", (ScanTopic.VERGUNNINGEN,))), "Geheim")
    client = verified_client(office.coordinator)

    assert "Geheim" not in client.get(reverse("resilience:detail", kwargs={"uuid": scan.uuid})).content.decode()
    create = reverse("resilience:action_create", kwargs={"uuid": scan.uuid})
    for key in (str(hidden.key), "geen-uuid"):
        response = client.get(create, {"barriere": key, "onderwerp": "vergunningen"})
        assert response.status_code == 200
        assert response.context["form"].initial == {}
        assert "Geheim" not in response.content.decode()


def test_a_topic_the_barrier_does_not_protect_is_not_prefilled(office: Office) -> None:
    scan = scanned(office, level=1, keys=("vergunningen",))
    barrier = _barrier(_model(office.manager, "Model", ("Bibob", (ScanTopic.VERGUNNINGEN,))), "Bibob")
    initial = selectors.action_initial(
        actor=actor(office.coordinator), scan=scan, barrier_key=str(barrier.key), topic_key="brp"
    )
    assert initial["title"] == "Bibob" and "topic" not in initial
