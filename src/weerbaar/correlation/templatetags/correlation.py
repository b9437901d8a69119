# SPDX-License-Identifier: EUPL-1.2
from django import template

from weerbaar.correlation.display import bits_text, score_strength, score_words

register = template.Library()


@register.filter
def bits(value: float | None) -> str:
    """A match weight in bits with its sign, localised: "+12,4", "-3,0", "0"."""
    if value is None:
        return "—"
    return bits_text(value)


@register.filter
def strength(value: float | None) -> str:
    """The strength of a score as a word with its bits: "waarschijnlijk (+12,4 bits)"; "—" without a score."""
    return score_words(value) or "—"


@register.filter
def strength_key(value: float | None) -> str:
    """The strength of a score as a key for filters and styles ("certain", "likely", "possible"), or ""."""
    found = score_strength(value)
    return found.value if found is not None else ""


@register.filter
def get_label(nodes: dict[str, object], node_id: str) -> str:
    """The label of a network node by id (the table beside the graph)."""
    node = nodes.get(node_id)
    return str(getattr(node, "label", "")) if node is not None else ""


@register.filter
def edge_kinds(network: object, edge: object) -> str:
    """The subject kinds at the ends of a network edge (the table rows' filter attribute)."""
    kinds = getattr(network, "kinds", None)
    return str(kinds(edge)) if callable(kinds) else ""
