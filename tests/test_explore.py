"""What the explore view draws for a state, on the real store (no browser)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pyogrio

from dashboard.components.widgets import municipality_options, swedish_key
from dashboard.urlstate import parse, to_search
from dashboard.views.explore import geometry_note, legend_box, map_model
from geodata.queries import Atlas

ISSUE_URL = (
    "?level=deso&municipality=1480,1481&indicator=utlandsk_bakgrund&year=2022&classes=quantiles&area=1480C3050&lang=sv"
)


def test_the_issue_url_draws_goteborg_and_molndal_on_2025_shapes_with_honest_counts(atlas: Atlas, bundle) -> None:
    corr = pd.read_csv(bundle / "correspondence/deso2018_regso2020.csv", dtype=str)
    shapes = pyogrio.read_dataframe(bundle / "boundaries/DeSO_2025_goteborgsregionen.gpkg", read_geometry=False)
    old = set(corr.loc[corr.kommunkod.isin(["1480", "1481"]), "desokod"])
    # SCB's change log (its classes are tested in test_crosswalk): a 2018 value is drawn on its 2025 shape
    # where the area is the same, and on every part of an area split exactly; a code whose boundary moved
    # is not drawn, though the code survives
    xw = atlas.crosswalk[(atlas.crosswalk["level"] == "deso") & atlas.crosswalk["code"].isin(old)]
    carried = xw[xw["class"].isin(["unchanged", "water_only", "code_changed", "split"])]
    drawable = {c for successors in carried["successors"] for c in successors.split(",")}
    undrawn = old - set(carried["code"])
    assert drawable <= set(shapes.desokod) and "1480C1350" in undrawn & set(shapes.desokod)  # moved, same code
    state, notices = parse(ISSUE_URL, atlas)
    assert notices == []
    out = map_model(atlas, state)
    assert out.layer.geometry_edition == "2025"
    assert set(out.hideout.cls) == drawable
    assert out.hideout.sel == "1480C3050"
    assert "DeSO 2018" in out.hideout.note and "DeSO 2025" in out.hideout.note
    text = str(legend_box(out, state, atlas))
    assert set(out.layer.values_without_shape) == undrawn and len(undrawn) == 8  # all in Göteborg
    assert f"{len(undrawn)} områden med värde saknar gräns i DeSO 2025" in text
    assert out.sentence.startswith("Utländsk bakgrund 2022: 39,1\u00a0% i Göteborg och 25,5\u00a0% i Mölndal.")
    south, west = out.bounds[0]
    assert 57.3 < south < 57.7 and 11.0 < west < 12.0  # the archipelago reaches 11.2° E


def test_a_restyle_changes_colours_but_not_the_geometry_url(atlas: Atlas) -> None:
    a = map_model(atlas, parse("?indicator=utlandsk_bakgrund&year=2024", atlas)[0])
    b = map_model(atlas, parse("?indicator=utlandsk_bakgrund&year=2025", atlas)[0])
    c = map_model(atlas, parse("?indicator=hyresratt&year=2025", atlas)[0])
    assert a.geometry_url == b.geometry_url == c.geometry_url
    assert a.hideout.cls != b.hideout.cls != c.hideout.cls


def test_without_shapes_the_view_says_so_and_offers_levels_it_has(atlas: Atlas) -> None:
    state, _ = parse("?municipality=1280&level=deso&indicator=befolkning&year=2022", atlas)
    out = map_model(atlas, state)
    note = str(geometry_note(out, state, atlas))
    assert out.geometry_url is None and "inga DeSO-gränser för Malmö" in note
    assert "level=kommun" in note and "level=regso" not in note
    (south, west), (north, east) = out.bounds  # the map still goes to Malmö, by its outline
    assert 55.4 < south < north < 55.7 and 12.8 < west < east < 13.3


def test_medians_draw_only_where_published_and_say_no_municipal_figure(atlas: Atlas) -> None:
    out = map_model(atlas, parse("?indicator=median_inkomst&level=deso&year=2024&municipality=1490", atlas)[0])
    assert len(out.hideout.cls) == 77
    assert out.sentence.startswith("Medianinkomst 2024 i Borås, per DeSO.")


def test_area_types_use_category_colours(atlas: Atlas) -> None:
    state = parse("?indicator=omradestyp&level=regso&year=2023&municipality=1480", atlas)[0]
    out = map_model(atlas, state)
    assert list(out.hideout.col) == ["#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6"]
    assert "Stora socioekonomiska utmaningar" in str(legend_box(out, state, atlas))


def test_municipalities_sort_the_swedish_way(atlas: Atlas) -> None:
    names = [o["label"] for o in municipality_options(atlas)]
    assert names.index("Åmål (1492)") > names.index("Ystad (1286)")
    assert names.index("Örebro (1880)") > names.index("Älvsbyn (2560)")
    assert swedish_key("Ö") > swedish_key("Ä") > swedish_key("Å") > swedish_key("Z")


def test_the_panel_says_why_reference_figures_are_missing(atlas: Atlas) -> None:
    from dashboard.components.area_panel import area_panel

    def gaps(*args) -> list[str]:
        panel = area_panel(atlas, *args, "2025", False)
        return [p.children for p in panel if getattr(p, "className", "") == "muted ref-gap"]

    assert gaps("1481C1070", "deso", "utlandsk_bakgrund", 2025, "sv") == [
        "Mölndal och riket saknas: för 2025 publicerar SCB bara områdenas egna värden (andelar eller medianer), "
        "inga antal att summera."
    ]
    assert gaps("1481C1070", "deso", "befolkning", 2025, "en")[0].startswith("No figure for Sweden: not every member")
    assert gaps("1480C3050", "deso", "utlandsk_bakgrund", 2022, "sv") == []


def test_an_area_drawn_on_the_other_editions_boundaries_says_how_and_is_marked_on_them(atlas: Atlas) -> None:
    """Göteborg 2022 on DeSO 2025 shapes: the panel says, by SCB's change log, whether the area is drawn on
    the same area's shape, on the parts of its exact split (all of them marked as selected), or not at all."""
    from dashboard.components.area_panel import area_panel

    def said(code: str, lang: str) -> str:
        panel = area_panel(atlas, code, "deso", "utlandsk_bakgrund", 2022, lang, "2025", False)
        return next(c for c in panel if getattr(c, "id", None) == "panel-vintage").children

    assert said("1480A0030", "sv").startswith("Ritas på DeSO 2025-gräns: enligt SCB:s ändringslogg samma område")
    assert said("1480C1030", "sv").startswith("Ritas på sina delar i DeSO 2025: området delades exakt")
    assert said("1480C1030", "en").startswith("Drawn on its parts in DeSO 2025: the area was split exactly")
    assert said("1480C1350", "sv").startswith("Ritas inte på kartan: gränsen ändrades i DeSO 2025")
    assert said("1480C1350", "en").startswith("Not drawn on the map: its boundary changed in DeSO 2025")

    split, _ = parse(ISSUE_URL.replace("area=1480C3050", "area=1480C1030"), atlas)
    model = map_model(atlas, split)
    assert model.hideout.sel_shapes == ("1480C1031", "1480C1032")
    assert model.hideout.cls["1480C1031"] == model.hideout.cls["1480C1032"]
    # the legend counts areas: a split area's parts are one area with one value (classified once)
    frame = model.layer.frame
    areas = frame.loc[frame["value"].notna(), "source_code"].nunique()
    assert areas < frame["value"].notna().sum()
    assert sum(row.count for row in model.legend[:-1]) == areas
    assert map_model(atlas, parse(ISSUE_URL, atlas)[0]).hideout.sel_shapes == ("1480C3050",)  # its own shape
    # a 2025 shape that only shares the code of an area whose boundary moved is not marked as that area
    moved, _ = parse(ISSUE_URL.replace("area=1480C3050", "area=1480C1350"), atlas)
    assert map_model(atlas, moved).hideout.sel_shapes == ()


def test_a_seventh_area_cannot_be_pinned_and_the_panel_says_why(atlas: Atlas) -> None:
    from dashboard.components.area_panel import area_panel

    def pin_button(panel):
        return next(c for c in panel if getattr(c, "id", None) == "pin")

    args = (atlas, "1481C1070", "deso", "utlandsk_bakgrund", 2025, "sv", "2025")
    full = area_panel(*args, False, pins_full=True)
    assert pin_button(full).disabled and full[-1].id == "pins-full" and "Högst 6 områden" in full[-1].children
    assert not pin_button(area_panel(*args, True, pins_full=True)).disabled  # a pinned area can be unpinned
    assert not pin_button(area_panel(*args, False)).disabled


def test_a_municipality_ranks_among_all_and_keeps_one_history_line(atlas: Atlas) -> None:
    from dashboard.components.area_panel import area_panel, history_figure

    panel = area_panel(atlas, "1490", "kommun", "hyresratt", 2023, "en", "2025", False)
    by_id = {getattr(c, "id", None): c for c in panel}
    n = atlas.values("hyresratt", "kommun", 2023, None)["value"].notna().sum()
    assert n == 290 and by_id["panel-rank"].children.endswith(f"of {n} municipalities (highest first)")
    assert "panel-vintage" not in by_id  # a municipality has no boundary vintage to warn about
    history = history_figure(atlas, "1490", "kommun", "hyresratt", "en")
    assert len(history.data) == 1 and not history.layout.shapes  # one line, no break
    assert list(history.data[0].x) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert history.data[0].y[4] != history.data[0].y[4]  # 2024 is a gap, not a joined line


def test_the_municipality_map_speaks_of_municipalities(atlas: Atlas) -> None:
    state = parse("?level=kommun&municipality=1480,1481,1490&indicator=hyresratt&year=2023&lang=en", atlas)[0]
    out = map_model(atlas, state)
    assert out.sentence.startswith("Rental dwellings in 2023, by municipality. Highest: Göteborg (1480) 53.6%")
    assert "Rental dwellings 2023 · municipality" in str(legend_box(out, state, atlas))
    assert not geometry_note(out, state, atlas)


def test_the_area_table_is_highest_first_with_missing_values_last_and_links_to_each_panel(atlas: Atlas) -> None:
    from dashboard.components.area_table import area_table

    state = parse("?level=deso&municipality=1481&indicator=flerbostadshus&year=2025", atlas)[0]
    table = area_table(atlas, state)
    rows = table["rows"]
    values = atlas.values("flerbostadshus", "deso", 2025, ["1481"])
    assert len(rows) == len(values) == 42
    shown = [r[3] for r in rows]
    assert shown[-2:] == ["–", "–"] and values["value"].isna().sum() == 2  # the two without a value, last
    numbers = [float(s.replace("\u00a0%", "").replace(",", ".")) for s in shown[:-2]]
    assert numbers == sorted(numbers, reverse=True)
    assert table["link"].replace("AREA", rows[0][0]) == "/" + to_search(replace(state, area=rows[0][0]))

    types = parse("?level=regso&municipality=1480&indicator=omradestyp&year=2023", atlas)[0]
    assert "socioekonomiska" in area_table(atlas, types)["rows"][0][3]
