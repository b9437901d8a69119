# SPDX-License-Identifier: EUPL-1.2
"""The network of one context (a case, or a signal): its subjects and what they are linked to.

Nodes are the context, its subjects, the other subjects the actor may see (with their contexts) and —
for what the actor may not see — one *hit* node per hidden context ("a case of organisation X"), without
any values. Edges say how two nodes relate: named in, the same (with score), possibly the same (for
judgement), or a hit. The page draws it with Cytoscape.js and shows the same edges in a table; the
export holds only the table rows the actor may export (never hits).

The graph draws one node per *person or thing*: subjects the network already links as the same are drawn
as one node listing their mentions (which subject in which context), and an edge between two such nodes
carries the strongest link between their subjects. Grouping follows only the "same" edges of this network,
so the graph says nothing the table does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from weerbaar.core.policy import Actor
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.contexts import ContextRef
from weerbaar.correlation.display import Strength, bits_text, score_strength, score_words
from weerbaar.correlation.models import Subject
from weerbaar.correlation.selectors import Contribution, CorrelationReport


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
    explanation: tuple[Contribution, ...] = ()

    @property
    def strength(self) -> str:
        """ "certain", "likely" or "possible" for a scored link; "" otherwise (filters and styles)."""
        found = score_strength(self.score)
        return found.value if found is not None else ""

    @property
    def strength_text(self) -> str:
        """The score for people: "waarschijnlijk (+12,4 bits)"; "" without a score."""
        return score_words(self.score)


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

    def subject_kinds(self) -> list[tuple[str, str]]:
        """The kinds of subject in the network as (value, label), in their usual order (the kind filters)."""
        present = {n.group for n in self.nodes.values() if n.kind == "subject"}
        return [(value, str(label)) for value, label in SubjectKind.choices if value in present]

    @property
    def has_hits(self) -> bool:
        return any(n.kind == "hit" for n in self.nodes.values())

    def strengths(self) -> list[tuple[str, str]]:
        """The strengths of the scored links as (value, label), strongest first (the strength filters)."""
        present = {e.strength for e in self.edges}
        return [(value, str(label)) for value, label in Strength.choices if value in present]

    def kinds(self, edge: Edge) -> str:
        """The subject kinds at the ends of an edge, space-separated (what the kind filters match on)."""
        ends = (self.nodes[edge.source], self.nodes[edge.target])
        return " ".join(sorted({n.group for n in ends if n.kind == "subject"}))

    def groups(self) -> dict[str, str]:
        """Each node's graph node: subjects linked as the same share one (the smallest id), others keep theirs."""
        parent = {node_id: node_id for node_id in self.nodes}

        def root(node_id: str) -> str:
            while parent[node_id] != node_id:
                parent[node_id] = parent[parent[node_id]]
                node_id = parent[node_id]
            return node_id

        for edge in self.edges:
            if edge.relation == "same":
                a, b = root(edge.source), root(edge.target)
                parent[max(a, b)] = min(a, b)
        return {node_id: root(node_id) for node_id in self.nodes}

    def cytoscape(self) -> dict[str, Any]:
        """The elements for Cytoscape.js: one node per person or thing (data only; styling lives in the script)."""
        group_of = self.groups()
        members: dict[str, list[Node]] = {}
        for node_id, node in self.nodes.items():
            members.setdefault(group_of[node_id], []).append(node)
        contexts_of: dict[str, list[str]] = {}
        for edge in self.edges:
            if edge.relation == "named_in":
                contexts_of.setdefault(edge.source, []).append(self.nodes[edge.target].label)
        nodes = []
        root = f"c:{self.context.key}"
        named_here = {e.source for e in self.edges if e.relation == "named_in" and e.target == root}
        for group_id, group in members.items():
            # A person is called as this context calls them, when it names them.
            node = next((m for m in group if m.id in named_here), self.nodes[group_id])
            mentions = [{"label": m.label, "context": context} for m in group for context in contexts_of.get(m.id, [])]
            nodes.append(
                {
                    "data": {
                        "id": group_id,
                        "label": node.label,
                        "kind": node.kind,
                        "group": node.group,
                        "mentions": mentions,
                    }
                }
            )
        strongest: dict[tuple[str, str, str], Edge] = {}
        for edge in self.edges:
            source, target = group_of[edge.source], group_of[edge.target]
            if source == target:
                continue  # a link inside one person or thing: listed among its mentions
            key = (min(source, target), max(source, target), edge.relation)
            known = strongest.get(key)
            if known is None or (edge.score is not None and (known.score is None or edge.score > known.score)):
                strongest[key] = Edge(source, target, edge.relation, edge.relation_label, edge.score, edge.explanation)
        return {
            "nodes": nodes,
            "edges": [
                {
                    "data": {
                        "id": f"e{i}",
                        "source": e.source,
                        "target": e.target,
                        "relation": e.relation,
                        "relationLabel": e.relation_label,
                        "strength": e.strength,
                        "strengthText": e.strength_text,
                        "explanation": [{"label": str(c.label), "bits": bits_text(c.weight)} for c in e.explanation],
                    }
                }
                for i, e in enumerate(strongest.values())
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
            network.link(Edge(own, other, "same", same, same_item.score, tuple(same_item.explanation)))
        for possible_item in row.possible:
            other = network.add(_subject_node(possible_item.subject))
            network.link(Edge(other, network.add(_context_node(possible_item.context)), "named_in", named))
            network.link(Edge(own, other, "possible", possible, possible_item.score, tuple(possible_item.explanation)))
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
