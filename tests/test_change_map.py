"""Change maps and series across SCB's 2024 boundary change, as the views draw them, on the real bundle."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dashboard.charts import JOIN_SYMBOLS, line_figure, line_table
from dashboard.classify import DIVERGING
from dashboard.components.area_panel import history_figure
from dashboard.texts import reason_text
from dashboard.urlstate import parse
from dashboard.views.explore import legend_box, map_model
from geodata.queries import Atlas

GBG_CHANGE = "?level=deso&municipality=1480&indicator=utlandsk_bakgrund&year=2025&from=2024"
ACROSS = "?level=deso&municipality=1480&indicator=utlandsk_bakgrund&year=2025&from=2022"


def texts(component) -> list[str]:
    """Every string in a Dash component tree, depth first."""
    if isinstance(component, str):
        return [component]
    children = getattr(component, "children", component if isinstance(component, list) else None)
    if children is None:
        return []
    return [t for child in (children if isinstance(children, list) else [children]) for t in texts(child)]


@pytest.fixture(scope="module")
def client():
    from dashboard import create_app

    return create_app().server.test_client()


def test_the_change_map_colours_every_continuous_area_on_the_diverging_palette(atlas: Atlas) -> None:
    state, notices = parse(GBG_CHANGE, atlas)
    assert notices == [] and state.year_from == 2024
    out = map_model(atlas, state)
    change = atlas.change("utlandsk_bakgrund", "deso", 2024, 2025, ["1480"])
    computed = change.dropna(subset=["change"])
    assert len(computed) > 300
    hideout = out.hideout
    assert set(hideout.cls) == set(computed["code"])  # exactly the areas with a change are coloured
    assert set(hideout.col) <= set(DIVERGING)
    classes = out.classes
    assert classes.lower[0] == -classes.upper[-1] and sum(classes.counts) == len(computed)
    rising = computed.loc[computed["change"].idxmax()]
    assert hideout.txt[rising["code"]].startswith("+") and hideout.txt[rising["code"]].endswith("p.e.")
    assert "Utländsk bakgrund: Förändring 2024–2025" in texts(legend_box(out, state, atlas))
    assert "procentenheter" in out.sentence


def test_a_change_across_the_boundary_revision_leaves_out_moved_areas_and_counts_them_by_reason(
    atlas: Atlas,
) -> None:
    state = parse(ACROSS, atlas)[0]
    out = map_model(atlas, state)
    change = atlas.change("utlandsk_bakgrund", "deso", 2022, 2025, ["1480"])
    drawn = set(out.layer.frame["code"])
    left_out = change[change["change"].isna() & change["code"].isin(drawn)]
    assert len(left_out) > 0 and (change["change"].notna()).sum() > 0
    legend = texts(legend_box(out, state, atlas))
    for reason, n in left_out["reason"].value_counts().items():
        assert f"{n} områden: {reason_text(reason, 'sv')}" in legend
    row = legend.index("Ingen jämförbar serie")
    assert legend[row + 1] == str(len(left_out))  # the legend's grey row counts them
    code = left_out["code"].iloc[0]
    assert code not in out.hideout.cls  # drawn as no data …
    assert out.hideout.txt[code].startswith("Ingen jämförbar serie: ")  # … and the tooltip says why


def test_snapshots_embeds_and_downloads_follow_the_change_map(atlas: Atlas, client) -> None:
    svg = client.get("/snapshot/map.svg" + GBG_CHANGE).get_data(as_text=True)
    assert "Förändring 2024–2025" in svg and "p.e." in svg and "Referensår 2024–2025" in svg
    assert "Ingen jämförbar serie" in svg
    embed = client.get("/embed/map" + GBG_CHANGE).get_data(as_text=True)
    assert "<title>Utländsk bakgrund: Förändring 2024–2025</title>" in embed and "störst ökning" in embed
    response = client.get("/download/map.csv" + GBG_CHANGE)
    assert 'filename="utlandsk-bakgrund_deso_2024-2025_goteborg.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))  # a BOM for Excel
    change = atlas.change("utlandsk_bakgrund", "deso", 2024, 2025, ["1480"]).set_index("code")
    assert len(rows) == len(change) and {r["unit"] for r in rows} == {"pp"}
    for row in rows[:50]:
        expected = change.loc[row["code"], "change"]
        assert (row["change"] == "") if expected != expected else float(row["change"]) == pytest.approx(expected)
    geo = json.loads(client.get("/download/map.geojson" + GBG_CHANGE).get_data(as_text=True))
    assert {"value_from", "value_to", "change", "reason"} <= set(geo["features"][0]["properties"])


def test_a_category_has_no_change_map(atlas: Atlas) -> None:
    state, notices = parse("?level=regso&indicator=omradestyp&year=2023&from=2020", atlas)
    assert state.year_from is None and [n.key for n in notices] == ["from"]


def _population_years(atlas: Atlas) -> list[int]:
    return [y for y in atlas.years("befolkning", "deso") if 2022 <= y <= 2025]


def _unchanged_deso(atlas: Atlas) -> str:
    """A Göteborg DeSO that SCB's change log leaves unchanged, with a population every year 2022–2025
    the store has."""
    for code in atlas.crosswalk.query("level == 'deso' and kommun == '1480' and `class` == 'unchanged'")["code"]:
        hist = atlas.history(code, "deso", ["befolkning"])
        if set(_population_years(atlas)) <= set(hist.dropna(subset=["value"])["year"]):
            return code
    raise AssertionError("no unchanged Göteborg DeSO with population 2022–2025")


def _points(trace) -> list[tuple[int, float]]:
    return [(x, y) for x, y in zip(trace.x, trace.y, strict=True) if y == y]


def test_an_unchanged_deso_has_one_unbroken_history_in_the_panel_and_in_compare(atlas: Atlas) -> None:
    code = _unchanged_deso(atlas)
    years = _population_years(atlas)
    assert {2022, 2023, 2025} <= set(years)
    panel = history_figure(atlas, code, "deso", "befolkning", "sv")
    assert len(panel.data) == 1 and not panel.layout.shapes  # one line, no break marked
    assert [x for x, _ in _points(panel.data[0])] == years
    assert set(panel.data[0].marker.symbol) == {JOIN_SYMBOLS["same"]} and not panel.layout.showlegend
    hover = [h for h in panel.data[0].customdata if h != "–"]
    assert "DeSO 2018" in hover[0] and "DeSO 2025" in hover[-1]  # which boundaries each point is on

    table = line_table(atlas, (code,), "befolkning")
    assert set(table["join"].dropna()) == {"same"}
    assert sorted(table.dropna(subset=["value"])["year"]) == years
    compare = line_figure(atlas, (code,), "befolkning", "sv")
    assert len(compare.data) == 1 and not compare.layout.shapes
    assert [x for x, _ in _points(compare.data[0])] == years


def test_a_moved_boundary_keeps_its_break_with_the_reason_in_words(atlas: Atlas) -> None:
    from dashboard.components.area_panel import history_notes

    moved = atlas.crosswalk.query("level == 'deso' and kommun == '1480' and `class` == 'moved'")["code"]
    code = next(c for c in moved if atlas.has_area(c, "deso", 2025) and atlas.has_area(c, "deso", 2022))
    panel = history_figure(atlas, code, "deso", "utlandsk_bakgrund", "sv")
    assert len(panel.layout.shapes) == 1  # the 2024 break is marked
    trace = panel.data[0]
    symbols = list(trace.marker.symbol)
    last_old = max(i for i, s in enumerate(symbols) if s == JOIN_SYMBOLS["none"] and trace.y[i] == trace.y[i])
    first_new = min(i for i, x in enumerate(trace.x) if x >= 2024 and trace.y[i] == trace.y[i])
    assert any(y != y for y in trace.y[last_old:first_new])  # no line joins the moved boundary's years to the new
    assert trace.x[last_old] <= 2023
    assert "Ingen jämförbar serie" in panel.layout.legend.title.text
    notes = history_notes(atlas, code, "deso", "utlandsk_bakgrund", "sv")
    assert notes[0].children == "Serien bryts 2024: gränsen flyttades 2024."
    table = line_table(atlas, (code,), "utlandsk_bakgrund")
    early = table[(table["year"] <= 2023) & table["value"].notna()]
    assert set(early["join"]) == {"none"} and set(early["reason"]) == {"boundary_moved"}


def test_a_split_area_shows_its_parents_earlier_years_as_the_parents(atlas: Atlas) -> None:
    split = atlas.crosswalk.query("level == 'deso' and kommun == '1480' and `class` == 'split'")
    child = split["successors"].iloc[0].split(",")[0]
    table = line_table(atlas, (child,), "befolkning")
    early = table[(table["year"] <= 2023) & table["value"].notna()]
    assert len(early) and set(early["join"]) == {"parent"}
    assert set(early["source_code"]) == {split["code"].iloc[0]}
    figure = line_figure(atlas, (child,), "befolkning", "sv")
    assert len(figure.data) == 1 and not figure.layout.shapes  # carried across: no break
    assert JOIN_SYMBOLS["parent"] in figure.data[0].marker.symbol
    assert "Föregångarens värde" in figure.layout.legend.title.text  # the marker is explained
    assert f"Föregångarens värde ({split['code'].iloc[0]})" in " ".join(figure.data[0].customdata)
