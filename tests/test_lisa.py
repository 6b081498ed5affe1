"""Hot and cold spots: a hand-made grid (synthetic, for the pure function), and the real store."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from geodata.measures.lisa import lisa
from geodata.queries import Atlas


def grid(n: int = 6, island: bool = True) -> gpd.GeoDataFrame:
    cells = [box(i, j, i + 1, j + 1) for i in range(n) for j in range(n)]
    codes = [f"9901A{i:02d}{j:02d}" for i in range(n) for j in range(n)]
    if island:
        cells.append(box(20, 20, 21, 21))
        codes.append("9901A9999")
    return gpd.GeoDataFrame({"code": codes}, geometry=cells, crs="EPSG:3006")


def test_a_high_corner_is_a_hot_spot_and_a_low_corner_cold() -> None:
    shapes = grid()
    values = pd.Series({c: (90.0 if int(c[5:7]) < 3 and int(c[7:]) < 3 else 10.0) for c in shapes["code"]})
    values.iloc[-1] = 50.0
    values[[c for c in shapes["code"] if int(c[5:7]) >= 4 and c != "9901A9999"]] = 0.0
    clusters, moran = lisa(shapes, values)
    by = clusters.set_index("code")["cluster"]
    assert by["9901A0000"] == "HH" and by["9901A0101"] == "HH"
    assert by["9901A0505"] == "LL"
    assert by["9901A9999"] == "island" and moran.islands == 1 and moran.n_areas == 36
    assert moran.i > 0.5 and moran.p_value <= 0.01


def test_too_few_areas_give_no_result() -> None:
    shapes = grid(2, island=False)
    assert lisa(shapes, pd.Series(dict.fromkeys(shapes["code"], 1.0))) is None


def test_goteborg_foreign_background_is_strongly_clustered(atlas: Atlas) -> None:
    moran = atlas.moran("utlandsk_bakgrund", "deso", 2025, "1480")
    assert moran["moran_i"] > 0.6 and moran["p"] <= 0.01 and moran["n_areas"] == 320
    clusters = atlas.lisa("utlandsk_bakgrund", "deso", 2025, ["1480"])
    counts = clusters["cluster"].value_counts()
    assert counts["HH"] > 30 and counts["LL"] > 30 and len(clusters) == 320
    high = atlas.values("utlandsk_bakgrund", "deso", 2025, ["1480"]).set_index("code")["value"]
    hot = clusters.loc[clusters["cluster"] == "HH", "code"]
    cold = clusters.loc[clusters["cluster"] == "LL", "code"]
    assert high[hot].min() > high[cold].max()  # every hot spot is above every cold spot here


def test_islands_are_labelled_not_dropped(atlas: Atlas) -> None:
    table = atlas.store.table("moran")
    with_islands = table[table["islands"] > 0].iloc[0]
    clusters = atlas.lisa(
        with_islands["indicator"], with_islands["level"], int(with_islands["year"]), [with_islands["kommun"]]
    )
    assert (clusters["cluster"] == "island").sum() == with_islands["islands"]


def test_clusters_exist_only_on_the_years_own_boundaries(atlas: Atlas) -> None:
    table = atlas.store.table("lisa")
    assert (table["edition"] == table["year"].map(lambda y: "2025" if y >= 2024 else "2018")).all()
    assert set(table.loc[table["edition"] == "2018", "code"].str[:2]) == {"01", "03"}  # the 2018 shapes
