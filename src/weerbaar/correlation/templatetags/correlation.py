# SPDX-License-Identifier: EUPL-1.2
from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def bits(value: float | None) -> str:
    """A match weight in bits with its sign, localised: "+12,4", "-3,0", "0"."""
    if value is None:
        return "—"
    text = floatformat(value, 1)
    return f"+{text}" if value > 0 else str(text)


@register.filter
def get_label(nodes: dict[str, object], node_id: str) -> str:
    """The label of a network node by id (the table beside the graph)."""
    node = nodes.get(node_id)
    return str(getattr(node, "label", "")) if node is not None else ""
