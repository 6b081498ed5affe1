"""Charts drawn when they come into view.

A page's first React commit drew every plotly chart (compare's, ~800 ms at Lighthouse's 4× slower CPU, after
plotly's own evaluation): a phone paid for charts below the fold before the reader could tap anything. A chart
is now a box of its height holding nothing, beside a store with its figure; `assets/lazy_charts.js` tells
Dash when the box comes into view (or the page is printed), and a clientside callback puts the `dcc.Graph`
in it — no request to the server, the figure is already in the page.
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import MATCH, ClientsideFunction, Dash, Input, Output, State, dcc, html

BOX, FIGURE, SHOWN = "chart-box", "chart-figure", "chart-shown"
DEFAULT_HEIGHT = 450  # plotly's, for a figure that does not set its own


def lazy_graph(graph_id: str, figure: go.Figure) -> html.Div:
    """A chart with id `graph_id`, drawn when its box is in view (the box keeps the chart's height)."""
    height = figure.layout.height or DEFAULT_HEIGHT
    return html.Div(
        [
            html.Div(id={"type": BOX, "chart": graph_id}, className="chart-box", style={"minHeight": f"{height}px"}),
            dcc.Store(id={"type": FIGURE, "chart": graph_id}, data=figure),
            dcc.Store(id={"type": SHOWN, "chart": graph_id}),
        ]
    )


def register_lazy_charts(app: Dash) -> None:
    """The callback that draws a chart once its box has been seen (`lazy_charts.js`)."""
    app.clientside_callback(
        ClientsideFunction("charts", "draw"),
        Output({"type": BOX, "chart": MATCH}, "children"),
        Input({"type": SHOWN, "chart": MATCH}, "data"),
        State({"type": FIGURE, "chart": MATCH}, "data"),
        State({"type": BOX, "chart": MATCH}, "id"),
        prevent_initial_call=True,
    )
