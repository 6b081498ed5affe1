"""The page's first paint as plain HTML, sent inside Dash's index page.

Dash draws nothing until its scripts have run and fetched the layout (on a phone, seconds). The same
layout, written out as HTML, is in the page from its first byte: headings, the sentence, the legend,
the notes — what is read before anything is clicked. `assets/prerender.js` removes it in the moment
Dash draws the live page. It is `inert` (no tab stops, nothing for screen readers) and carries no ids or
`data-` hooks, so no script or label finds it instead of the live page. Interactive components (maps,
charts, pickers) become empty boxes with their class and style and a `live-<kind>` class that gives them
the live component's height (style.css), so the page does not move when it is swapped in; stores draw
nothing.
"""

from __future__ import annotations

import re

from dash.development.base_component import Component
from markupsafe import escape

HTML_NAMESPACE = "dash_html_components"
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})
ATTRIBUTES = {  # Dash prop → HTML attribute, for those the first paint needs
    "className": "class",
    "href": "href",
    "lang": "lang",
    "hrefLang": "hreflang",
    "title": "title",
    "open": "open",
    "scope": "scope",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "src": "src",
    "alt": "alt",
    "width": "width",
    "height": "height",
    "role": "role",
}
NOT_DRAWN = frozenset({"Store", "Location", "Interval"})  # components with nothing to see


def style_text(style: dict) -> str:
    """React's style object as a CSS declaration list (camelCase → kebab-case, numbers in px)."""
    out = []
    for key, value in style.items():
        prop = re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), key)
        out.append(f"{prop}:{value}px" if isinstance(value, int | float) and value else f"{prop}:{value}")
    return ";".join(out)


def attributes(props: dict, names: dict[str, str]) -> str:
    out = []
    for prop, name in names.items():
        value = props.get(prop)
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    if props.get("style"):
        out.append(f' style="{escape(style_text(props["style"]))}"')
    return "".join(out)


def to_html(node: object) -> str:
    """`node` (a Dash component, a list of them, text or a number) as static HTML."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, list | tuple):
        return "".join(to_html(child) for child in node)
    if not isinstance(node, Component):
        return str(escape(str(node)))
    props = {name: getattr(node, name, None) for name in node._prop_names}
    if node._namespace != HTML_NAMESPACE:
        if node._type in NOT_DRAWN:
            return ""
        # a live component's place: its box, empty until Dash draws it, sized by its kind (style.css)
        kind = " ".join(filter(None, [props.get("className"), f"live-{node._type}"]))
        return f"<div{attributes({**props, 'className': kind}, {'className': 'class'})}></div>"
    tag = node._type.lower()
    if tag in VOID:
        return f"<{tag}{attributes(props, ATTRIBUTES)}>"
    return f"<{tag}{attributes(props, ATTRIBUTES)}>{to_html(props.get('children'))}</{tag}>"


def first_paint(layout: Component) -> str:
    """The element Dash's index page shows until the live page is drawn."""
    return f'<div id="prerender" inert>{to_html(layout)}</div>'
