"""The data behind the compare view's indicator table: Atlas.profile on the real bundle."""

from __future__ import annotations

import math

from geodata.queries import Atlas


def test_a_profile_is_every_indicator_for_the_areas_their_municipalities_and_sweden(atlas: Atlas) -> None:
    areas = ["1480R044", "1490R019", "1481R021"]
    out = atlas.profile(areas, 2023)
    assert out.columns.tolist() == [*areas, "1480", "1490", "1481", "00"]
    assert "omradestyp" not in out.index  # a category has no figure to set beside another
    assert out.at["hyresratt", "1480R044"] == atlas.value("hyresratt", "regso", 2023, "1480R044")
    assert out.at["hyresratt", "1480"] == atlas.value("hyresratt", "kommun", 2023, "1480")
    for ind in out.index:  # a row only where some cell has a value, and each cell is the store's
        row = out.loc[ind]
        assert row.notna().any()
        riket = atlas.value(ind, "riket", 2023, "00")
        assert (riket is None and math.isnan(row["00"])) or row["00"] == riket
    shown = {i.id for i in atlas.catalogue.indicators if i.unit != "category"}
    missing = shown - set(out.index)
    for ind in missing:  # left out only where nothing has a value
        assert atlas.value(ind, "regso", 2023, "1480R044") is None
        assert atlas.value(ind, "riket", 2023, "00") is None
