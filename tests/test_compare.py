"""The compare view's state, tables, figures and sentences on the real store (no browser)."""

from __future__ import annotations

import math

import pytest
import shapely

from dashboard.charts import PALETTE, bar_figure, bar_table, line_figure, line_table
from dashboard.sentences import compare_sentence
from dashboard.urlstate import CompareState, Notice, compare_to_search, parse_compare
from dashboard.views.compare import indicator_table, locator
from geodata.queries import Atlas

AREAS = ("1480R044", "1490R019", "1481R021")  # Hammarkullen centrala, Hässleholmen väst, Åby
URL = "?areas=1480R044,1490R019,1481R021&indicator=utlandsk_bakgrund&year=2022&lang=sv"


def test_the_compare_url_round_trips(atlas: Atlas) -> None:
    state, notices = parse_compare(URL, atlas)
    assert state == CompareState(AREAS, "utlandsk_bakgrund", 2022, "sv") and notices == []
    assert compare_to_search(state) == URL


def test_unknown_codes_are_listed_and_skipped_and_at_most_six_are_kept(atlas: Atlas) -> None:
    state, notices = parse_compare("?areas=1480R044,9999R999,hej,1480R044", atlas)
    assert state.areas == ("1480R044",)
    assert notices == [Notice("area", "9999R999"), Notice("area", "hej")]
    many = ",".join(f"1480R0{n:02d}" for n in range(10, 18))
    state, notices = parse_compare(f"?areas={many}", atlas)
    assert len(state.areas) == 6 and [n.key for n in notices] == ["too_many", "too_many"]


def test_a_missing_year_is_a_gap_never_a_zero(atlas: Atlas) -> None:
    table = line_table(atlas, AREAS, "hyresratt")
    assert sorted(table["year"].unique()) == [2020, 2021, 2022, 2023, 2024, 2025]
    gap = table[table["year"] == 2024]
    assert gap["value"].isna().all() and len(gap) == 3
    fig = line_figure(atlas, AREAS, "hyresratt", "sv")
    assert len(fig.data) == 3 and all(t.connectgaps is False for t in fig.data)
    assert math.isnan(list(fig.data[0].y)[list(fig.data[0].x).index(2024)])


def test_the_bar_chart_marks_each_municipality_and_the_nation(atlas: Atlas) -> None:
    table = bar_table(atlas, AREAS, "utlandsk_bakgrund", 2022)
    assert table["kommun"].tolist() == ["Göteborg", "Borås", "Mölndal"]
    assert table["kommun_value"].tolist() == [
        atlas.value("utlandsk_bakgrund", "kommun", 2022, k) for k in ("1480", "1490", "1481")
    ]
    fig = bar_figure(atlas, AREAS, "utlandsk_bakgrund", 2022, "sv")
    bars, marks = fig.data
    assert len(bars.x) == 3 and len(marks.x) == 3
    assert fig.layout.shapes[0].y0 == pytest.approx(atlas.value("utlandsk_bakgrund", "riket", 2022, "00"))


def test_figures_are_cached_by_their_inputs(atlas: Atlas) -> None:
    assert line_figure(atlas, AREAS, "hyresratt", "sv") is line_figure(atlas, AREAS, "hyresratt", "sv")


def test_one_sentence_per_area_with_both_references(atlas: Atlas) -> None:
    ind = atlas.catalogue.get("utlandsk_bakgrund")
    text = compare_sentence(ind, "sv", 2022, "Hammarkullen", 58.0, "Göteborg", 34.0, 27.0)
    nb = "\u00a0"
    assert text == (
        f"Hammarkullen: 58,0{nb}% utländsk bakgrund 2022, jämfört med 34,0{nb}% i Göteborg och 27,0{nb}% i riket."
    )
    assert (
        compare_sentence(ind, "en", 2022, "Åby", None, "Mölndal", None, None)
        == "Åby: no value for foreign background in 2022."
    )


def test_the_indicator_table_has_a_row_per_indicator_with_values(atlas: Atlas) -> None:
    table = indicator_table(atlas, CompareState(AREAS, "utlandsk_bakgrund", 2022, "sv"))
    header = [th.children for th in table.children[0].children.children]
    assert header[-4:] == ["Göteborg", "Borås", "Mölndal", "Riket"]
    rows = table.children[1].children
    assert 15 <= len(rows) <= len(atlas.catalogue.indicators)


def lazy_content(box):
    """The component a lazy box draws when in view (`dashboard.components.lazy`)."""
    _box, content, _shown = box.children
    return content.data["content"]


def test_thelocator_lists_areas_without_a_shape(atlas: Atlas) -> None:
    areas_asked = ("1480R044", "1280R001", "1481R021")  # Malmö has no RegSO shapes in the bundle
    out = locator(atlas, CompareState(areas_asked, "utlandsk_bakgrund", 2022, "sv"))
    box, note = out.children
    the_map = lazy_content(box)
    outlines, areas, *markers = the_map.children
    codes = [f["properties"]["code"] for f in areas.data["features"]]
    assert codes == ["1480R044", "1481R021"]
    assert "1280R001" in note.children
    assert outlines.url.endswith("/outline-regso/2025/1280,1480,1481.geojson")  # all three municipalities
    assert [m.fillColor for m in markers] == [PALETTE[0], PALETTE[2]]  # each in its chart colour
    for marker, code in zip(markers, codes, strict=True):  # a marker sits inside its area
        shape = atlas.web_shapes("regso", "2025", [code[:4]]).set_index("code").geometry[code]
        assert shape.contains(shapely.Point(marker.center[1], marker.center[0]))


def test_thelocator_finds_hasslehomen_vast_on_borass_derived_regso(atlas: Atlas) -> None:
    out = locator(atlas, CompareState(AREAS, "utlandsk_bakgrund", 2025, "sv"))
    the_map = lazy_content(out.children[0])
    _outlines, areas, *_markers = the_map.children
    assert [f["properties"]["code"] for f in areas.data["features"]] == list(AREAS)


def test_missing_reference_figures_are_explained_once_for_all_areas(atlas: Atlas) -> None:
    from dashboard.views.compare import body

    def gaps(state: CompareState) -> list[str]:
        box = next(c for c in body(atlas, state) if getattr(c, "id", None) == "compare-ref-gaps")
        return [p.children for p in box.children]

    shares_2025 = CompareState(("1480C3050", "1481C1070", "1490C1370"), "utlandsk_bakgrund", 2025, "sv")
    assert gaps(shares_2025) == [
        "Göteborg, Mölndal, Borås och riket saknas: för 2025 publicerar SCB bara områdenas egna värden "
        "(andelar eller medianer), inga antal att summera."
    ]
    assert gaps(CompareState(AREAS, "utlandsk_bakgrund", 2022, "sv")) == []


def test_a_single_year_is_said_above_the_trend_chart(atlas: Atlas) -> None:
    from dashboard.views.compare import body

    def note(state: CompareState) -> list[str]:
        charts = body(atlas, state)[0].children[0].children
        return [c.children for c in charts if getattr(c, "id", None) == "compare-one-year"]

    assert note(CompareState(AREAS, "utlandsk_bakgrund", 2022, "sv")) == [
        "Datalagret har bara 2022 för de fästa områdena; en utveckling över tid kräver minst två år."
    ]
    assert note(CompareState(AREAS, "hyresratt", 2022, "sv")) == []  # RegSO 2020–2025
