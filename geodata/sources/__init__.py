"""Sources deliver SCB data in one shape, whatever they read (the reference bundle, SCB's live APIs).

`SourceData` is that shape: statistics as a long table at the level SCB published them, boundaries per
(level, edition) in the store's CRS, the DeSO → RegSO correspondence, area names, and provenance.
The build steps take it from there, so every source goes through the same path into the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

STORE_CRS = "EPSG:3006"
STAT_COLUMNS = ["code", "level", "edition", "year", "variable", "value"]
CHANGE_COLUMNS = ["tidigare_deso", "deso", "forandringstyp", "datum"]


@dataclass
class SourceData:
    """Everything a build needs, as delivered by one source."""

    statistics: pd.DataFrame
    """code, level, edition, year, variable, value: as published, one row per cell, no nulls."""
    boundaries: dict[tuple[str, str], gpd.GeoDataFrame]
    """(level, edition) → code, kommun, parent (RegSO of a DeSO, else empty), detail, geometry."""
    links: pd.DataFrame
    """code, level, edition, parent: DeSO → RegSO membership per edition."""
    names: pd.DataFrame
    """code, level, edition, name: RegSO, kommun and län names (DeSO have none of their own)."""
    kommuner: pd.DataFrame
    """kommun, kommun_name, lan, lan_name: all municipalities, the frame for roll-ups to län and riket."""
    provenance: list[dict] = field(default_factory=list)
    """One entry per input: path or URL, sha256, rows, what it is."""
    changes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CHANGE_COLUMNS))
    """SCB's DeSO 2018 → 2025 change log as published: tidigare_deso, deso, forandringstyp, datum."""
