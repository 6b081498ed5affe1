"""The baseline page for the explore benchmark: Göteborg's DeSO as a plotly `choropleth_map` in Dash."""

from dash import Dash, dcc

from benchmarks.explore import plotly_figure
from geodata.queries import current_atlas

app = Dash(__name__)
app.layout = lambda: dcc.Graph(figure=plotly_figure(current_atlas(), 2025), style={"height": "80vh"})
server = app.server
