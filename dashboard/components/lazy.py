"""Parts of a page drawn when they come into view: charts, and compare's locator map.

A page's first React commit drew every plotly chart (compare's, ~800 ms at Lighthouse's 4× slower CPU, after
plotly's own evaluation), and compare's locator map made its page load and evaluate dash-leaflet (~200–290 ms
at 4×): a phone paid for what lies below the fold before the reader could tap anything. Such a part is now a
box of its height holding nothing, beside a store with the part itself; `assets/lazy.js` tells Dash when the
box comes into view (or the page is printed), and a clientside callback puts the part in it — no request to
the server, the part is already in the page. A part whose component library the page has not loaded
(`needs`; `dashboard.bundles` leaves the library's script tag in the page, inert) has it loaded first.
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import MATCH, ClientsideFunction, Dash, Input, Output, State, dcc, html
from dash.development.base_component import Component

BOX, CONTENT, SHOWN = "lazy-box", "lazy-content", "lazy-shown"
DEFAULT_HEIGHT = 450  # plotly's, for a figure that does not set its own


def lazy(
    key: str, content: Component, height: int, needs: tuple[str, ...] = (), failed: Component | None = None
) -> html.Div:
    """`content`, drawn once its box (`height` px high until then) is in view. `needs`: the namespaces of
    component libraries the page may not have loaded (e.g. "dash_leaflet"); `failed`: drawn instead if one
    of them cannot be loaded."""
    part = {"content": content, "needs": list(needs), "failed": failed}
    return html.Div(
        [
            html.Div(id={"type": BOX, "key": key}, className="lazy-box", style={"minHeight": f"{height}px"}),
            dcc.Store(id={"type": CONTENT, "key": key}, data=part),
            dcc.Store(id={"type": SHOWN, "key": key}),
        ]
    )


def lazy_graph(graph_id: str, figure: go.Figure) -> html.Div:
    """A chart with id `graph_id`, drawn when its box is in view (the box keeps the chart's height)."""
    graph = dcc.Graph(id=graph_id, figure=figure, config={"displayModeBar": False})
    return lazy(graph_id, graph, int(figure.layout.height or DEFAULT_HEIGHT))


def register_lazy(app: Dash) -> None:
    """The callback that draws a part once its box has been seen (`lazy.js`)."""
    app.clientside_callback(
        ClientsideFunction("lazy", "draw"),
        Output({"type": BOX, "key": MATCH}, "children"),
        Input({"type": SHOWN, "key": MATCH}, "data"),
        State({"type": CONTENT, "key": MATCH}, "data"),
        prevent_initial_call=True,
    )
