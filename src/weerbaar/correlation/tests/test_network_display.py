# SPDX-License-Identifier: EUPL-1.2
"""Scores in words and the network graph's grouping: one node per person or thing, the strongest link kept."""

import json
import re
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from weerbaar.correlation.contexts import ContextRef
from weerbaar.correlation.display import Strength, score_strength, score_words
from weerbaar.correlation.network import Edge, Network, Node
from weerbaar.correlation.selectors import Contribution
from weerbaar.correlation.templatetags.correlation import strength
from weerbaar.correlation.tests.test_no_leak import setting  # noqa: F401  (the fixture)


@override_settings(CORRELATION_MATCH_THRESHOLD=0.0, CORRELATION_REVIEW_THRESHOLD=-6.0)
@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (None, None),
        (14.2, Strength.CERTAIN),
        (6.0, Strength.CERTAIN),
        (5.9, Strength.LIKELY),
        (0.0, Strength.LIKELY),
        (-0.1, Strength.POSSIBLE),
        (-6.0, Strength.POSSIBLE),
        (-9.0, Strength.POSSIBLE),
    ],
)
def test_words_follow_the_thresholds(score: float | None, expected: Strength | None) -> None:
    assert score_strength(score) == expected


@override_settings(CORRELATION_MATCH_THRESHOLD=2.0, CORRELATION_REVIEW_THRESHOLD=-4.0)
def test_other_thresholds_move_the_words() -> None:
    assert score_strength(8.0) == Strength.CERTAIN
    assert score_strength(7.9) == Strength.LIKELY
    assert score_strength(1.9) == Strength.POSSIBLE


@override_settings(CORRELATION_MATCH_THRESHOLD=0.0, CORRELATION_REVIEW_THRESHOLD=-6.0)
def test_the_word_carries_its_bits_in_every_language() -> None:
    from django.utils import translation

    assert score_words(None) == ""
    assert strength(None) == "—"
    with translation.override("en"):
        assert score_words(3.5) == "likely (+3.5 bits)"
    with translation.override("nl"):
        assert score_words(12.4) == "zeker (+12,4 bits)"
        assert score_words(-3.0) == "mogelijk (-3,0 bits)"
        assert strength(2.0) == "waarschijnlijk (+2,0 bits)"


def _context(key: str) -> ContextRef:
    return ContextRef(kind="casus", kind_label="case", key=key, organisation_id=1, organisation_name="Org", label=key)


def _network() -> Network:
    """Jan named in cases A and B (the same), Piet in C possibly Jan (twice, -4 and -2), a hit on Jan."""
    network = Network(context=_context("A"))
    for node in [
        Node("c:A", "context", "case A", "casus"),
        Node("c:B", "context", "case B", "casus"),
        Node("c:C", "context", "case C", "casus"),
        Node("s:1", "subject", "Jan (1980)", "persoon"),
        Node("s:2", "subject", "J. (1980)", "persoon"),
        Node("s:3", "subject", "Piet", "persoon"),
        Node("h:x", "hit", "hit: a case of Org X", "casus"),
    ]:
        network.add(node)
    why = (Contribution("surname", "Surname", 3.0),)
    for edge in [
        Edge("s:1", "c:A", "named_in", "named in"),
        Edge("s:2", "c:B", "named_in", "named in"),
        Edge("s:3", "c:C", "named_in", "named in"),
        Edge("s:1", "s:2", "same", "the same", 9.0),
        Edge("s:3", "s:1", "possible", "possibly the same", -4.0, why),
        Edge("s:3", "s:2", "possible", "possibly the same", -2.0, why),
        Edge("s:2", "h:x", "hit", "hit"),
    ]:
        network.link(edge)
    return network


@override_settings(CORRELATION_MATCH_THRESHOLD=0.0, CORRELATION_REVIEW_THRESHOLD=-6.0)
def test_one_node_per_person_with_the_strongest_link() -> None:
    network = _network()
    elements = network.cytoscape()
    nodes = {n["data"]["id"]: n["data"] for n in elements["nodes"]}
    assert set(nodes) == {"c:A", "c:B", "c:C", "s:1", "s:3", "h:x"}  # Jan's two mentions are one node
    assert nodes["s:1"]["mentions"] == [
        {"label": "Jan (1980)", "context": "case A"},
        {"label": "J. (1980)", "context": "case B"},
    ]
    assert nodes["h:x"]["mentions"] == []  # a hit has no content
    edges = {(e["data"]["source"], e["data"]["target"], e["data"]["relation"]): e["data"] for e in elements["edges"]}
    assert ("s:1", "s:1", "same") not in edges  # the link inside one person is not a line
    possible = [e for k, e in edges.items() if k[2] == "possible"]
    assert len(possible) == 1
    assert possible[0]["strength"] == "possible"
    assert "-2" in possible[0]["strengthText"]  # the strongest of the two links
    assert possible[0]["explanation"][0]["label"] == "Surname"
    assert {k[:2] for k in edges if k[2] == "named_in"} == {("s:1", "c:A"), ("s:1", "c:B"), ("s:3", "c:C")}
    assert ("s:1", "h:x", "hit") in edges
    # The table keeps every link, with its word and the kinds at its ends for the filters.
    assert len(network.edges) == 7
    assert [value for value, _label in network.strengths()] == ["certain", "possible"]
    assert [value for value, _label in network.subject_kinds()] == ["persoon"]
    assert network.kinds(network.edges[0]) == "persoon"


def _graph(body: str) -> dict[str, Any]:
    found = re.search(r'<script id="network-data" type="application/json">(.*?)</script>', body, re.S)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


@pytest.mark.django_db
def test_the_grouped_graph_shows_a_hit_and_no_content(setting: dict[str, Any]) -> None:  # noqa: F811
    client: Client = setting["client"]
    page = client.get(reverse("correlation:network", kwargs={"kind": "casus", "uuid": setting["own_case"].uuid}))
    body = page.content.decode()
    graph = _graph(body)
    hits = [n["data"] for n in graph["nodes"] if n["data"]["kind"] == "hit"]
    assert hits and all(h["mentions"] == [] for h in hits)
    mentioned = {m["context"] for n in graph["nodes"] for m in n["data"]["mentions"]}
    assert mentioned == {next(n["data"]["label"] for n in graph["nodes"] if n["data"]["id"].startswith("c:"))}
    assert 'data-testid="network-legend"' in body and 'data-testid="network-filters"' in body
    for text in ["Zebedeus", "Geheimestraat", "4811", "Informant Vijfhoek", setting["secret_case"].title]:
        assert text not in body
