"""The change map: one indicator's change between two years, on a diverging palette centred on zero.

The data layer decides which areas have a comparable series and computes the change
(`Atlas.change`); this module only draws it: symmetric classes, signed values in percentage points
or percent, a legend that counts the areas left out by reason, a sentence and alt text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import geopandas as gpd
import pandas as pd
from dash import html

from dashboard.classify import NO_DATA, Classes
from dashboard.components.legend import without_shape_note
from dashboard.formatting import CHANGE_SUFFIX, format_change
from dashboard.sentences import map_head
from dashboard.texts import CHANGE_UNIT_KEYS, CLASS_METHOD_KEYS, reason_text, text
from dashboard.urlstate import ViewState
from geodata.catalog import Indicator
from geodata.queries import Atlas, MapLayer

CHANGE_COLUMNS = ["code", "name", "kommun", "value_from", "value_to", "change", "reason"]


@dataclass(frozen=True)
class ChangeMap:
    """The change from `first` to `last` on the shapes of `last`'s edition; `layer.frame["value"]` is the change."""

    indicator: Indicator
    first: int
    last: int
    unit: str  # "pp" or "percent"
    layer: MapLayer
    table: pd.DataFrame  # Atlas.change's rows for the chosen municipalities

    def fmt(self, value: float | None, lang: str) -> str:
        return format_change(value, self.unit, lang)

    def title(self, lang: str) -> str:
        return f"{self.indicator.name[lang]}: {text('change_title', lang, first=self.first, last=self.last)}"

    def excluded(self) -> dict[str, int]:
        """Drawn areas without a change, counted by reason (most first)."""
        frame = self.layer.frame
        missing = frame.loc[frame["value"].isna(), "reason"].fillna("other")
        return {str(k): int(n) for k, n in missing.value_counts().items()}

    def unit_name(self, lang: str) -> str:
        return text(CHANGE_UNIT_KEYS[self.unit], lang)

    def texts(self, lang: str) -> dict[str, str]:
        """What the tooltip says per area: the signed change, or why there is none."""
        frame = self.layer.frame
        return {
            c: self.fmt(v, lang) if v == v else f"{text('change_not_drawn', lang)}: {reason_text(r, lang)}"
            for c, v, r in zip(
                frame["code"], frame["value"], frame["reason"].where(frame["reason"].notna(), None), strict=True
            )
        }

    def legend_items(self, classes: Classes, lang: str) -> list[tuple[str, str, int]]:
        """(colour, label, count) per class, then the areas without a change: for the legend and snapshots."""
        suffix = CHANGE_SUFFIX[lang][self.unit]
        labels = [
            f"{self.fmt(lo, lang).removesuffix(suffix)} – {self.fmt(hi, lang)}"
            for lo, hi in zip(classes.lower, classes.upper, strict=True)
        ]
        items = list(zip(classes.colors, labels, classes.counts, strict=True))
        items.append((NO_DATA, text("change_not_drawn", lang), sum(self.excluded().values())))
        return items

    def method_text(self, method: str, lang: str) -> str:
        return text(
            "change_method",
            lang,
            method=text(CLASS_METHOD_KEYS[method], lang).split(" (")[0].lower(),
            unit=self.unit_name(lang),
        )

    def legend(self, classes: Classes, method: str, lang: str, without_shape: int, vintage: str) -> html.Div:
        rows = [
            html.Li(
                [
                    html.Span(
                        className="swatch" + (" nodata" if color == NO_DATA else ""), style={"background": color}
                    ),
                    html.Span(label, className="range"),
                    html.Span(str(count), className="count"),
                ],
                className="legend-row",
            )
            for color, label, count in self.legend_items(classes, lang)
        ]
        excluded = self.excluded()
        notes = []
        if excluded:
            reasons = [html.Li(f"{n} {text('areas', lang)}: {reason_text(k, lang)}") for k, n in excluded.items()]
            notes.append(
                html.Div(
                    [
                        html.P(f"{text('change_not_drawn', lang)}: {text('change_not_drawn_explained', lang)}."),
                        html.Ul(reasons),
                    ],
                    className="legend-note",
                    id="legend-excluded",
                )
            )
        notes += without_shape_note(without_shape, lang, vintage)
        return html.Div(
            [
                html.H2(self.title(lang)),
                html.P(self.method_text(method, lang), className="legend-method"),
                html.Ul(  # two columns: decreases down the left, increases down the right
                    rows,
                    className="legend-rows diverging",
                    style={"gridTemplateRows": f"repeat({(len(rows) + 1) // 2}, auto)"},
                ),
                *notes,
            ],
            id="legend-box",
        )

    def sentence(self, lang: str) -> str:
        name = self.indicator.name[lang]
        known = self.layer.frame.dropna(subset=["value"]).sort_values("value", kind="stable")
        parts = []
        if known.empty:
            parts.append(text("change_sentence_none", lang, name=name, first=self.first, last=self.last))
        else:
            up, down = known.iloc[-1], known.iloc[0]
            parts.append(
                text(
                    "change_sentence",
                    lang,
                    name=name,
                    first=self.first,
                    last=self.last,
                    unit=self.unit_name(lang),
                    up=f"{up['name']} ({up['code']})",
                    up_value=self.fmt(up["value"], lang),
                    down=f"{down['name']} ({down['code']})",
                    down_value=self.fmt(down["value"], lang),
                )
            )
        n = sum(self.excluded().values())
        if n:
            parts.append(text("change_excluded", lang, n=n))
        return " ".join(parts)

    def alt(self, lang: str, level_name: str, places: list[str]) -> str:
        return f"{map_head(lang, level_name, places)}: {self.sentence(lang)}"

    def download_table(self, lang: str) -> pd.DataFrame:
        """code, name, kommun, value_from, value_to, change, reason (in words): exactly what the map shows."""
        table = self.table[CHANGE_COLUMNS].copy()
        table["reason"] = [None if r is None or r != r else reason_text(r, lang) for r in table["reason"]]
        return table


def change_map(atlas: Atlas, state: ViewState, layer: MapLayer) -> ChangeMap:
    """The change map for a state with `year_from`, on the shapes `layer` (the last year's map) draws."""
    assert state.year_from is not None
    table = atlas.change(state.indicator, state.level, state.year_from, state.year, list(state.municipalities))
    changes = table[["code", "value_from", "value_to", "change", "reason"]].rename(columns={"code": "source_code"})
    frame = layer.frame.drop(columns=["value"]).merge(changes, on="source_code", how="left")  # shapes by value
    frame = gpd.GeoDataFrame(frame.assign(value=frame["change"]), geometry="geometry", crs=layer.frame.crs)
    drawn = replace(layer, frame=frame, shapes_without_value=int(frame["value"].isna().sum()))
    unit = atlas.change_unit(state.indicator)
    return ChangeMap(atlas.catalogue.get(state.indicator), state.year_from, state.year, unit, drawn, table)
