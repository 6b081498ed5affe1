"""RegSO shapes derived from their DeSO where SCB's are not in the bundle: area-true, sliver-free, marked."""

from __future__ import annotations

from pathlib import Path

import pyogrio
import shapely

from geodata.queries import Atlas
from geodata.sources.bundle import read_bundle
from geodata.steps.regso_shapes import clean_union, regso_from_deso

BORAS, STOCKHOLM = "1490", "0180"


def test_regso_derived_from_full_detail_deso_match_scbs_regso_2025_within_one_percent(bundle: Path) -> None:
    source = read_bundle(bundle)
    deso = source.boundaries[("deso", "2025")]
    derived = regso_from_deso(deso[deso["detail"] == "full"]).set_index("code")
    scb = source.boundaries[("regso", "2025")].set_index("code")
    assert set(derived.index) == set(scb.index) and len(scb) == 300
    ratio = derived.geometry.area / scb.geometry.area.reindex(derived.index)
    assert ratio.between(0.99, 1.01).all(), ratio.sort_values().iloc[[0, -1]]
    assert (derived["detail"] == "derived").all()


def test_cleaning_seals_slivers_between_simplified_neighbours_and_keeps_real_parts() -> None:
    left = shapely.box(0, 0, 100, 100)
    right = shapely.box(104, 0, 200, 100)  # a 4 m sliver, as simplified copies leave
    island = shapely.box(1000, 1000, 1300, 1300)
    union = clean_union([left, right, island], eps=15.0, min_area=20_000.0)
    parts = shapely.get_parts(union)
    assert len(parts) == 2 and all(len(p.interiors) == 0 for p in parts)
    assert abs(union.area - (200 * 100 + 300 * 300)) < 0.01 * union.area


def test_stockholm_regso_2020_shapes_are_derived_without_slivers(atlas: Atlas, bundle: Path) -> None:
    shapes = atlas.shapes("regso", "2018", [STOCKHOLM])
    expected = atlas.register("regso", "2018", [STOCKHOLM])
    assert set(shapes["code"]) == set(expected.index) and len(shapes) > 100
    assert set(shapes["detail"]) == {"derived-simplified"}
    raw = pyogrio.read_dataframe(bundle / "boundaries/DeSO_2018_stockholms_lan.gpkg").to_crs(3006)
    raw_union = raw[raw["kommunkod"] == STOCKHOLM].dissolve("regsokod")
    raw_holes = sum(len(p.interiors) for g in raw_union.geometry for p in shapely.get_parts(g))
    holes = sum(len(p.interiors) for g in shapes.geometry for p in shapely.get_parts(g))
    parts = sum(len(shapely.get_parts(g)) for g in shapes.geometry)
    assert holes < raw_holes / 5 and parts <= len(raw_union) + 5
    assert abs(shapes.geometry.area.sum() / raw_union.geometry.area.sum() - 1) < 0.01


def test_boras_regso_are_derived_and_scbs_own_win_where_they_exist(atlas: Atlas) -> None:
    boras = atlas.shapes("regso", "2025", [BORAS])
    assert set(boras["detail"]) == {"derived-simplified"}
    assert set(boras["code"]) == set(atlas.register("regso", "2025", [BORAS]).index)
    assert set(atlas.shapes("regso", "2025", ["1480"])["detail"]) == {"full"}
    layer = atlas.map_layer("befolkning", "regso", 2025, [BORAS])
    assert layer.values_without_shape == [] and layer.frame["value"].notna().all()
    assert any(name == "Hässleholmen väst" for _c, _l, name in atlas.find_areas("Hässleholmen väst"))
    assert atlas.store.manifest["derived_boundaries"]["regso_2025"] == 110
