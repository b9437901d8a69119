# SPDX-License-Identifier: EUPL-1.2
"""The network of one context (a case, or a signal): its subjects and what they are linked to.

Nodes are the context, its subjects, the other subjects the actor may see (with their contexts) and —
for what the actor may not see — one *hit* node per hidden context ("a case of organisation X"), without
any values. Edges say how two nodes relate: named in, the same (with score), possibly the same (for
judgement), or a hit. The page draws it with Cytoscape.js and shows the same edges in a table; the
export holds only the table rows the actor may export (never hits).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from weerbaar.core.policy import Actor
from weerbaar.correlation.contexts import ContextRef
from weerbaar.correlation.models import Subject
from weerbaar.correlation.selectors import CorrelationReport


@dataclass(frozen=True)
class Node:
    id: str
    kind: str  # context | subject | hit
    label: str
    group: str = ""  # the subject kind, or the context kind
    url: str = ""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str  # named_in | same | possible | hit
    relation_label: str
    score: float | None = None


@dataclass
class Network:
    context: ContextRef
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    withheld: bool = False

    def add(self, node: Node) -> str:
        self.nodes.setdefault(node.id, node)
        return node.id

    def link(self, edge: Edge) -> None:
        key = (min(edge.source, edge.target), max(edge.source, edge.target), edge.relation)
        if all((min(e.source, e.target), max(e.source, e.target), e.relation) != key for e in self.edges):
            self.edges.append(edge)

    def label(self, node_id: str) -> str:
        return self.nodes[node_id].label

    def cytoscape(self) -> dict[str, Any]:
        """The elements for Cytoscape.js (data only; styling lives in the script)."""
        return {
            "nodes": [
                {"data": {"id": n.id, "label": n.label, "kind": n.kind, "group": n.group}} for n in self.nodes.values()
            ],
            "edges": [
                {
                    "data": {
                        "id": f"e{i}",
                        "source": e.source,
                        "target": e.target,
                        "relation": e.relation,
                        "label": e.relation_label if e.score is None else f"{e.relation_label} ({e.score:+.1f})",
                    }
                }
                for i, e in enumerate(self.edges)
            ],
        }


def _context_node(ref: ContextRef) -> Node:
    return Node(
        id=f"c:{ref.key}", kind="context", label=f"{ref.kind_label} {ref.label}".strip(), group=ref.kind, url=ref.url
    )


def _subject_node(subject: Subject) -> Node:
    return Node(id=f"s:{subject.uuid}", kind="subject", label=subject.label, group=subject.kind)


def _hit_node(ref: ContextRef) -> Node:
    text = _("hit: a %(kind)s of %(organisation)s") % {"kind": ref.kind_label, "organisation": ref.organisation_name}
    return Node(id=f"h:{ref.key}", kind="hit", label=text, group=ref.kind)


def network_build(
    *, context: ContextRef, subjects: list[Subject], report: CorrelationReport, withheld: bool
) -> Network:
    """The network from a context, its visible subjects and their (already audited) correlation report."""
    network = Network(context=context, withheld=withheld)
    root = network.add(_context_node(context))
    named, same, possible, hit = _("named in"), _("the same"), _("possibly the same"), _("hit")
    for subject in subjects:
        network.link(Edge(network.add(_subject_node(subject)), root, "named_in", named))
    for row in report.rows:
        own = f"s:{row.subject.uuid}"
        for same_item in row.same:
            other = network.add(_subject_node(same_item.subject))
            network.link(Edge(other, network.add(_context_node(same_item.context)), "named_in", named))
            network.link(Edge(own, other, "same", same, same_item.score))
        for possible_item in row.possible:
            other = network.add(_subject_node(possible_item.subject))
            network.link(Edge(other, network.add(_context_node(possible_item.context)), "named_in", named))
            network.link(Edge(own, other, "possible", possible, possible_item.score))
        for found in row.hits:
            network.link(Edge(own, network.add(_hit_node(found.context)), "hit", hit))
    return network


def subjects_of_context(*, actor: Actor, kind: str, uuid: Any) -> tuple[ContextRef, list[Subject]] | None:
    """A context the actor may see, with the subjects in it they may see; None when it does not exist for them."""
    from weerbaar.correlation.contexts import provider, visible_q

    source = provider(kind)
    if source is None:
        return None
    ref = source.get(actor, uuid)
    if ref is None:
        return None
    subjects = list(
        Subject.objects.filter(visible_q(actor)).filter(source.subjects_in(uuid)).select_related("supplied_by")
    )
    return ref, subjects
