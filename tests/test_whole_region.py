"""The whole region (Stockholm and Uppsala counties, Göteborgsregionen: 47 municipalities) on one map, each
municipality on the best edition the store has for it, on the real store (no browser)."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.geo_routes import GeometryAddressError, editions_url, geometry_url, parse_editions
from dashboard.regions import GOTEBORGSREGIONEN, region_municipalities
from dashboard.urlstate import parse
from dashboard.views.explore import map_model
from geodata.queries import Atlas

STOCKHOLM_UPPSALA = 26 + 8


@pytest.fixture(scope="module")
def client():
    from dashboard import create_app

    return create_app().server.test_client()


def region(atlas: Atlas) -> list[str]:
    return list(region_municipalities(atlas, "all"))


def region_query(atlas: Atlas, year: int = 2022, lang: str = "sv") -> str:
    return f"?level=deso&municipality={','.join(region(atlas))}&indicator=befolkning&year={year}&lang={lang}"


def test_a_2022_region_draws_stockholm_and_uppsala_on_2018_and_goteborgsregionen_on_2025(atlas: Atlas) -> None:
    layer = atlas.map_layer("befolkning", "deso", 2022, region(atlas), web=True)
    assert {e: len(m) for e, m in layer.editions.items()} == {"2018": STOCKHOLM_UPPSALA, "2025": 13}
    assert set(layer.borrowed) == set(GOTEBORGSREGIONEN) and layer.geometry_edition == "2018"
    frame = layer.frame
    assert len(frame) == 1287 + 238 + 584 and frame["code"].is_unique  # the 2,109 areas
    on_2025 = frame["code"].str[:4].isin(GOTEBORGSREGIONEN)
    assert (frame["other_vintage"] == on_2025).all()
    own = frame[~on_2025]
    assert own["value"].notna().all() and (own["code"] == own["source_code"]).all()
    # Göteborgsregionen carries only what the change log allows, exactly as each municipality alone does
    for kommun in GOTEBORGSREGIONEN:
        alone = atlas.map_layer("befolkning", "deso", 2022, [kommun], web=True).frame
        here = frame[frame["code"].str[:4] == kommun]
        assert (
            here[["code", "source_code", "value"]]
            .reset_index(drop=True)
            .equals(alone[["code", "source_code", "value"]].reset_index(drop=True))
        ), kommun
    values = atlas.values("befolkning", "deso", 2022, region(atlas))
    drawn = set(frame["source_code"].dropna())
    assert sorted(layer.values_without_shape) == sorted(set(values["code"]) - drawn)
    assert {c[:4] for c in layer.values_without_shape} <= set(GOTEBORGSREGIONEN)
    assert len(drawn) + len(layer.values_without_shape) == len(values) == 2090


def test_the_page_says_which_municipalities_are_on_the_other_editions_boundaries(atlas: Atlas) -> None:
    for lang, words in (
        ("sv", "47 kommuner · DeSO 2018 (13 kommuner på DeSO 2025-gränser)"),
        ("en", "47 municipalities · DeSO 2018 (13 municipalities on DeSO 2025 boundaries)"),
    ):
        out = map_model(atlas, parse(region_query(atlas, lang=lang), atlas)[0])
        assert len(out.shapes) == 2109 and len(out.hideout.cls) == out.shapes["value"].notna().sum()
        assert out.subtitle.endswith(words)  # one line in a picture: the region by its counts
        note = out.hideout.note
        assert "DeSO 2018" in note and "DeSO 2025" in note and "Mölndal" in note and "Stockholm" not in note
        assert out.vintage == "DeSO 2025"  # the edition lacking shapes for the values not drawn
        munis = region(atlas)
        stockholm_uppsala = [m for m in munis if m not in GOTEBORGSREGIONEN]
        expected = {"2018": stockholm_uppsala, "2025": list(GOTEBORGSREGIONEN)}
        assert out.geometry_url == editions_url(atlas.version, "deso", expected)
        assert "/deso/2018+2025/" in out.geometry_url
        assert out.outlines_url == editions_url(atlas.version, "outline-deso", expected)
    # a part of an exactly split area says whose value it shows
    parts = out.shapes[out.shapes["join"] == "parent"]
    code, parent = parts.iloc[0][["code", "source_code"]]
    assert out.hideout.txt[code].endswith(f"split area; the value is for {parent}")


def test_goteborg_alone_keeps_its_single_edition_address_and_note(atlas: Atlas) -> None:
    out = map_model(atlas, parse("?level=deso&municipality=1480&indicator=befolkning&year=2022", atlas)[0])
    assert out.geometry_url == geometry_url(atlas.version, "deso", "2025", ("1480",))
    assert out.geometry_url.endswith("/deso/2025/1480.geojson")
    assert out.subtitle.endswith("(DeSO 2025-gränser)") and "Göteborg" in out.hideout.note


def test_the_region_geometry_has_every_area_and_neighbours_within_its_edition(client, atlas: Atlas) -> None:
    out = map_model(atlas, parse(region_query(atlas), atlas)[0])
    res = client.get(out.geometry_url)
    assert res.status_code == 200 and res.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    features = json.loads(res.get_data())["features"]
    codes = [f["properties"]["code"] for f in features]
    assert sorted(codes) == sorted(out.shapes["code"]) and len(codes) == 2109
    edition_of = {c: ("2025" if c[:4] in GOTEBORGSREGIONEN else "2018") for c in codes}
    nb = {f["properties"]["code"]: f["properties"]["nb"] for f in features}
    assert all(n in nb and edition_of[n] == edition_of[c] for c, ns in nb.items() for n in ns)
    assert sum(map(bool, nb.values())) > 2000  # nearly every area has a neighbour to move to
    outlines = json.loads(client.get(out.outlines_url).get_data())["features"]
    assert sorted(f["properties"]["code"] for f in outlines) == sorted(region(atlas))


def test_a_2025_region_draws_stockholm_on_2018_shapes_only_where_the_area_is_the_same(atlas: Atlas) -> None:
    layer = atlas.map_layer("befolkning", "deso", 2025, region(atlas), web=True)
    assert {e: len(m) for e, m in layer.editions.items()} == {"2018": STOCKHOLM_UPPSALA, "2025": 13}
    # the bundle has no 2025 values for Stockholm: which 2018 shapes would carry one is SCB's change log's say
    codes = list(atlas.register("deso", "2018", ["0180"]).index)
    links = atlas.shape_links("deso", "2025", codes)
    change = {c: atlas.crosswalk_class(c, "deso") for c in codes}
    same = ("unchanged", "water_only", "code_changed")
    assert sorted(links["code"]) == sorted(c for c, k in change.items() if k in same)
    assert len(links) > 400 and links["join"].eq("same").all()
    split = [c for c, k in change.items() if k == "split"]
    assert split and not set(split) & set(links["code"])  # a 2025 part is never drawn on its 2018 whole
    assert not layer.frame.loc[~layer.frame["other_vintage"], "code"].str[:4].isin(["0180"]).any()


@pytest.mark.parametrize(
    ("edition", "municipalities", "says"),
    [
        ("2025+2018", "1480+0180", "in the order 2018+2025"),
        ("2018+2018", "0180+0181", "once each"),
        ("2019", "1480", "unknown boundary edition"),
        ("2018+2025", "0180,0181", "one group per edition"),
        ("2018+2025", "0180+", "four-digit codes"),
        ("2018+2025", "0181,0180+1480", "code order"),
        ("2018+2025", "0180+0180", "named once"),
    ],
)
def test_a_bad_geometry_address_is_a_clear_400(client, atlas, edition, municipalities, says) -> None:
    with pytest.raises(GeometryAddressError, match=re.escape(says)):
        parse_editions(edition, municipalities)
    res = client.get(f"/geo/{atlas.version}/deso/{edition}/{municipalities}.geojson")
    assert res.status_code == 400 and says in res.get_data(as_text=True)


def test_the_press_downloads_and_pictures_agree_with_the_page(client, atlas: Atlas) -> None:
    query = region_query(atlas).lstrip("?")
    out = map_model(atlas, parse("?" + query, atlas)[0])
    geo = json.loads(client.get(f"/download/map.geojson?{query}").data)["features"]
    assert len(geo) == 2109
    props = {f["properties"]["code"]: f["properties"] for f in geo}
    shown = dict(zip(out.shapes["code"], out.shapes["value"], strict=True))
    assert all((p["value"] is None) == (shown[c] != shown[c]) for c, p in props.items())
    assert all(p["value"] == shown[c] for c, p in props.items() if p["value"] is not None)
    assert {p["boundaries"] for c, p in props.items() if c[:4] in GOTEBORGSREGIONEN} == {"DeSO 2025"}
    assert {p["boundaries"] for c, p in props.items() if c[:4] not in GOTEBORGSREGIONEN} == {"DeSO 2018"}
    # the parts of an exactly split area repeat its value, marked: summed once per source_code, as the CSV
    parts = [p for p in props.values() if p["join"] == "parent"]
    assert parts and all(p["source_code"] != p["code"] for p in parts)
    once = {p["source_code"]: p["value"] for p in props.values() if p["value"] is not None}
    csv = atlas.values("befolkning", "deso", 2022, region(atlas)).set_index("code")["value"]
    assert sum(once.values()) == pytest.approx(csv[list(once)].sum())
    assert sum(p["value"] for p in props.values() if p["value"] is not None) > sum(once.values())
    svg = client.get(f"/snapshot/map.svg?{query}&width=800").get_data(as_text=True)
    assert "på DeSO 2025-gränser" in svg


def test_a_few_municipalities_are_named_in_the_subtitle(atlas: Atlas) -> None:
    query = "?level=deso&municipality=0180,1480,1481&indicator=befolkning&year=2022"
    out = map_model(atlas, parse(query, atlas)[0])
    assert out.subtitle == "DeSO · Stockholm, Göteborg, Mölndal · DeSO 2018 (Göteborg, Mölndal på DeSO 2025-gränser)"
    assert "/deso/2018+2025/0180+1480,1481.geojson" in out.geometry_url


def test_a_click_on_a_part_of_a_split_area_opens_the_area_whose_value_it_shows(atlas: Atlas) -> None:
    from dashboard.views.explore import controls_to_state

    before, _ = parse("?level=deso&municipality=1480&indicator=befolkning&year=2022", atlas)
    layer = atlas.map_layer("befolkning", "deso", 2022, ["1480"], web=True)
    part, whole = layer.frame.loc[layer.frame["join"] == "parent", ["code", "source_code"]].iloc[0]
    for clicked, opened in ((part, whole), ("1480C3050", "1480C3050")):  # a part; an unchanged area
        click = {"click": {"properties": {"code": clicked}}, "view": None}
        assert controls_to_state(before, "areas", click, atlas).area == opened


def test_the_highest_area_is_named_by_its_own_code_not_its_parts(atlas: Atlas) -> None:
    # Göteborg's most populous DeSO 2018 area in 2022, 1480C3220, was split exactly into two 2025 areas
    out = map_model(atlas, parse("?level=deso&municipality=1480&indicator=befolkning&year=2022", atlas)[0])
    assert set(out.shapes.loc[out.shapes["source_code"] == "1480C3220", "code"]) == {"1480C3221", "1480C3222"}
    highest = out.sentence.split("Högst: ")[1].split(";")[0]
    assert "(1480C3220)" in highest and "1480C3221" not in out.sentence + out.alt


def test_the_values_not_drawn_are_said_to_lack_a_shape_in_the_edition_they_were_looked_for(atlas: Atlas) -> None:
    from dashboard.views.explore import legend_box

    state, _ = parse(region_query(atlas), atlas)
    model = map_model(atlas, state)
    assert model.vintage == "DeSO 2025"  # Göteborgsregionen's: Stockholm and Uppsala lack none on DeSO 2018
    assert "22 områden med värde saknar gräns i DeSO 2025 och" in str(legend_box(model, state, atlas))
