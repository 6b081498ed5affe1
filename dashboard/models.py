"""What a view shows, as data: one render model per data view, built by a pure function of (Atlas, state)
in the view's module (`explore.map_model`, `compare.chart_model`, `segregation.segregation_model`).

The Dash page, the PNG/SVG snapshot, the embed, the downloads, the link preview and the alt text all draw
the same model, so they cannot disagree about a title, a colour or a count.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd


class EmptyView(Exception):
    """A state with nothing to draw (a comparison without areas): `key` names the text that says so,
    `description` what a press route answers (400)."""

    def __init__(self, key: str, description: str) -> None:
        super().__init__(description)
        self.key, self.description = key, description


@dataclass(frozen=True)
class Hideout:
    """The colours of the explore map, exactly what `assets/map.js` reads (a test compares the names)."""

    cls: dict[str, int]  # area code → class index (areas without a value are absent)
    col: tuple[str, ...]  # class index → colour
    nodata: str  # the colour of an area without a value
    txt: dict[str, str]  # area code → its formatted value, for the tooltip
    sel: str | None  # the selected area's code
    sel_shapes: tuple[str, ...]  # the shapes drawn with its value, marked (its own, or its parts elsewhere)
    none: str  # the tooltip's text for an area without a value
    note: str  # a line under every tooltip (values on another edition's boundaries), or ""

    def to_json(self) -> dict:
        return {**asdict(self), "col": list(self.col), "sel_shapes": list(self.sel_shapes)}

    def color_of(self, code: str) -> str:
        return self.col[self.cls[code]] if code in self.cls else self.nodata


@dataclass(frozen=True)
class LegendRow:
    color: str
    label: str
    count: int


@dataclass(frozen=True, eq=False)
class MapModel:
    """The explore map for one state: its kind (`values`, `change` or `lisa`), colours, legend and words."""

    kind: str
    hideout: Hideout
    legend: tuple[LegendRow, ...]
    title: str  # of a picture or embed
    subtitle: str
    source: str
    alt: str
    shapes: Any  # GeoDataFrame: the drawn areas with code, value and geometry (WGS 84)
    geometry_url: str | None  # None: no shapes at this level here
    outlines_url: str
    bounds: list | None  # [[south, west], [north, east]] of what to fit
    sentence: str
    layer: Any  # geodata.queries.MapLayer
    classes: Any  # dashboard.classify.Classes
    change: Any = None  # dashboard.components.change_map.ChangeMap of a change map
    lisa_counts: dict[str, int] = field(default_factory=dict)  # hot/cold-spot class → areas, on a LISA map
    lisa_missing: str | None = None  # the indicators with hot spots, when this one has none
    legend_title: str = ""  # the page's legend heading (with the vintage)
    vintage: str = ""  # the boundary edition(s) lacking a shape for the values not drawn
    other_vintage_note: str = ""
    offers: tuple[str, ...] = ()  # other levels that have shapes here, when this one has none

    @property
    def edge(self) -> str:
        """The areas' border colour in a picture: grey where the diverging palette's middle is near white."""
        return "#b0b0b0" if self.kind == "change" else "white"


@dataclass(frozen=True, eq=False)
class ChartModel:
    """One compare chart (`bar` for one year, `line` over time): its figure and exactly its table."""

    kind: str
    figure: Any  # plotly figure
    table: pd.DataFrame
    alt: str
    title: str
    span: str  # the year, or first–last year with a value
    source: str
    aspect: float = 0.6  # height / width of a picture


@dataclass(frozen=True, eq=False)
class SegregationModel:
    """The segregation view's dot-and-whisker picture of the chosen municipalities."""

    title: str
    rows: pd.DataFrame
    figure: Any
    alt: str
    source: str
    height: int  # px of a picture: a row per municipality, the same at every width
