"""Read the reference bundle (`../shared/reference`) into `SourceData`, checking every file.

The bundle is read where it lies, never copied. Its README describes the files; the values are taken
unchanged, only renamed to the store's column names. A missing or malformed file stops the read with
a message naming the file and, for CSV, the line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geodata.areacodes import PATTERNS
from geodata.errors import MalformedFileError, SourceError
from geodata.sources import CHANGE_COLUMNS, STAT_COLUMNS, STORE_CRS, SourceData

# file → (level, edition) of the codes it holds
STATISTICS_FILES = {
    "statistics/deso2018_2022.csv": ("deso", "2018"),
    "statistics/deso2018_2022_2023_more.csv": ("deso", "2018"),
    "statistics/deso2018_stockholms_lan_2010.csv": ("deso", "2018"),
    "statistics/regso2020_2020_2023.csv": ("regso", "2018"),
    "statistics/deso2025_2024_2025.csv": ("deso", "2025"),
}
DESO_2025_FILES = {
    "boundaries/DeSO_2025_goteborgsregionen.gpkg": "full",
    "boundaries/DeSO_2025_vastra_gotaland_more.gpkg": "simplified",
}
# DeSO 2018 shapes (edition "2018"): Stockholm county simplified by the site that saved it, Uppsala full.
DESO_2018_FILES = {
    "boundaries/DeSO_2018_stockholms_lan.gpkg": "simplified",
    "boundaries/DeSO_2018_uppsala_lan.gpkg": "full",
}
REGSO_2025_FILE = "boundaries/RegSO_2025_goteborgsregionen.gpkg"
KOMMUNER_FILE = "boundaries/kommuner.gpkg"
LAN_FILE = "boundaries/lan.gpkg"
CORRESPONDENCE_FILE = "correspondence/deso2018_regso2020.csv"
CHANGES_FILE = "correspondence/deso2018_deso2025_changes.csv"
CHANGE_TYPES = (
    "Upphör; till nybildad",
    "Upphör; till befintlig",
    "Minskas och ger del till befintlig eller nybildad",
    "Ger del/delar till befintlig",
    "Ger del till nybildad",
    "Utvidgas",
    "Utvidgas till territorialvattengräns",
    "Kodändrad; annat än 20-22",
)

# The bundle's CSV spells the 80+ band "alder_80_år"; its README and our catalogue say "alder_80_w".
VARIABLE_RENAMES = {"alder_80_år": "alder_80_w"}

Progress = Callable[[str], None]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _require(root: Path, rel: str) -> Path:
    path = root / rel
    if not path.is_file():
        raise SourceError(f"the bundle at {root} lacks {rel}; is this SCB's reference bundle (see its README.md)?")
    return path


def _first_bad_line(mask: pd.Series) -> int:
    """The 1-based file line of the first True in a row mask (line 1 is the header)."""
    return int(mask.to_numpy().nonzero()[0][0]) + 2


def read_statistics_csv(path: Path, level: str, edition: str) -> pd.DataFrame:
    """Read one tidy CSV (`region_code, year, variable, value`) and check every row."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.ParserError as exc:
        raise MalformedFileError(path, f"not a well-formed CSV ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise MalformedFileError(path, "not UTF-8 text") from exc
    expected = ["region_code", "year", "variable", "value"]
    if list(raw.columns) != expected:
        raise MalformedFileError(path, f"header is {list(raw.columns)}, expected {expected}", line=1)
    bad_code = ~raw["region_code"].str.fullmatch(PATTERNS[level])
    if bad_code.any():
        line = _first_bad_line(bad_code)
        code = raw["region_code"].iloc[line - 2]
        raise MalformedFileError(path, f"{code!r} is not a {level.upper()} code", line=line)
    year = pd.to_numeric(raw["year"], errors="coerce")
    bad_year = year.isna() | (year % 1 != 0) | ~year.between(1990, 2100)
    if bad_year.any():
        line = _first_bad_line(bad_year)
        raise MalformedFileError(path, f"year {raw['year'].iloc[line - 2]!r} is not a year", line=line)
    value = pd.to_numeric(raw["value"].replace({"..": ""}), errors="coerce")
    bad_value = value.isna() & ~raw["value"].isin(["", ".."])
    if bad_value.any():
        line = _first_bad_line(bad_value)
        raise MalformedFileError(path, f"value {raw['value'].iloc[line - 2]!r} is not a number", line=line)
    empty_var = raw["variable"].str.strip() == ""
    if empty_var.any():
        raise MalformedFileError(path, "variable name is empty", line=_first_bad_line(empty_var))
    out = pd.DataFrame(
        {
            "code": raw["region_code"],
            "level": level,
            "edition": edition,
            "year": year.astype("int64"),
            "variable": raw["variable"].replace(VARIABLE_RENAMES),
            "value": value,
        }
    )
    dupes = out.duplicated(["code", "year", "variable"], keep="first")
    if dupes.any():
        line = _first_bad_line(dupes)
        raise MalformedFileError(path, "the same area, year and variable appear twice", line=line)
    return out.dropna(subset=["value"])[STAT_COLUMNS]


def read_changes_csv(path: Path) -> pd.DataFrame:
    """SCB's DeSO change log (`tidigare_deso, deso, forandringstyp, datum`), every row checked."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise MalformedFileError(path, f"not a well-formed UTF-8 CSV ({exc})") from exc
    if list(raw.columns) != CHANGE_COLUMNS:
        raise MalformedFileError(path, f"header is {list(raw.columns)}, expected {CHANGE_COLUMNS}", line=1)
    for column in ("tidigare_deso", "deso"):
        bad = ~raw[column].str.fullmatch(PATTERNS["deso"])
        if bad.any():
            line = _first_bad_line(bad)
            raise MalformedFileError(path, f"{raw[column].iloc[line - 2]!r} is not a DeSO code", line=line)
    bad_type = ~raw["forandringstyp"].isin(CHANGE_TYPES)
    if bad_type.any():
        line = _first_bad_line(bad_type)
        raise MalformedFileError(path, f"unknown change type {raw['forandringstyp'].iloc[line - 2]!r}", line=line)
    return raw


def _read_layer(path: Path, columns: list[str]) -> gpd.GeoDataFrame:
    try:
        frame = pyogrio.read_dataframe(path)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise MalformedFileError(path, f"not a readable GeoPackage ({exc})") from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise MalformedFileError(path, f"lacks the attribute(s) {', '.join(missing)}")
    if frame.crs is None:
        raise MalformedFileError(path, "has no coordinate reference system")
    return frame.to_crs(STORE_CRS)


def read_bundle(root: Path, progress: Progress | None = None) -> SourceData:
    """Read and check every file the atlas uses from the bundle at `root`."""
    root = Path(root)
    if not root.is_dir():
        raise SourceError(f"no reference bundle at {root} (set --from/--bundle or GEODATA_BUNDLE)")
    step = progress or (lambda _msg: None)
    provenance: list[dict] = []

    def note(rel: str, rows: int, what: str) -> None:
        path = root / rel
        provenance.append(
            {"source": str(path.resolve()), "file": rel, "sha256": _sha256(path), "rows": rows, "what": what}
        )

    stats = []
    for rel, (level, edition) in STATISTICS_FILES.items():
        step(f"läser {rel}")
        frame = read_statistics_csv(_require(root, rel), level, edition)
        note(rel, len(frame), f"statistics, {level} edition {edition}")
        stats.append(frame)

    step(f"läser {CORRESPONDENCE_FILE}")
    corr_path = _require(root, CORRESPONDENCE_FILE)
    corr = pd.read_csv(corr_path, dtype=str, keep_default_na=False)
    needed = ["kommunkod", "kommunnamn", "desokod", "regsonamn", "regsokod"]
    if list(corr.columns) != needed:
        raise MalformedFileError(corr_path, f"header is {list(corr.columns)}, expected {needed}", line=1)
    note(CORRESPONDENCE_FILE, len(corr), "DeSO 2018 → RegSO 2020")

    step(f"läser {CHANGES_FILE}")
    changes = read_changes_csv(_require(root, CHANGES_FILE))
    note(CHANGES_FILE, len(changes), "SCB's DeSO 2018 → 2025 change log")

    boundaries: dict[tuple[str, str], gpd.GeoDataFrame] = {}
    for edition, files in (("2018", DESO_2018_FILES), ("2025", DESO_2025_FILES)):
        parts = []
        for rel, detail in files.items():
            step(f"läser {rel}")
            layer = _read_layer(_require(root, rel), ["desokod", "regsokod", "kommunkod"])
            note(rel, len(layer), f"DeSO {edition} boundaries ({detail})")
            parts.append(
                gpd.GeoDataFrame(
                    {
                        "code": layer["desokod"],
                        "kommun": layer["kommunkod"],
                        "parent": layer["regsokod"],
                        "detail": detail,
                    },
                    geometry=layer.geometry.values,
                    crs=STORE_CRS,
                )
            )
        deso = pd.concat(parts, ignore_index=True)
        if deso["code"].duplicated().any():
            dup = deso.loc[deso["code"].duplicated(), "code"].iloc[0]
            raise SourceError(f"DeSO {dup} appears in more than one boundary file of the bundle")
        boundaries[("deso", edition)] = gpd.GeoDataFrame(deso, geometry="geometry", crs=STORE_CRS)
    deso25 = boundaries[("deso", "2025")]

    step(f"läser {REGSO_2025_FILE}")
    regso = _read_layer(_require(root, REGSO_2025_FILE), ["regsokod", "regsonamn", "kommunkod"])
    note(REGSO_2025_FILE, len(regso), "RegSO 2025 boundaries")
    boundaries[("regso", "2025")] = gpd.GeoDataFrame(
        {"code": regso["regsokod"], "kommun": regso["kommunkod"], "parent": regso["kommunkod"], "detail": "full"},
        geometry=regso.geometry.values,
        crs=STORE_CRS,
    )

    step(f"läser {KOMMUNER_FILE}")
    kommuner_layer = _read_layer(_require(root, KOMMUNER_FILE), ["kommunkod", "kommunnamn", "lanskod", "lansnamn"])
    note(KOMMUNER_FILE, len(kommuner_layer), "municipality boundaries")
    step(f"läser {LAN_FILE}")
    lan_layer = _read_layer(_require(root, LAN_FILE), ["lanskod", "lansnamn"])
    note(LAN_FILE, len(lan_layer), "county boundaries")
    boundaries[("kommun", "2025")] = gpd.GeoDataFrame(
        {
            "code": kommuner_layer["kommunkod"],
            "kommun": kommuner_layer["kommunkod"],
            "parent": kommuner_layer["lanskod"],
            "detail": "full",
        },
        geometry=kommuner_layer.geometry.values,
        crs=STORE_CRS,
    )
    boundaries[("lan", "2025")] = gpd.GeoDataFrame(
        {"code": lan_layer["lanskod"], "kommun": "", "parent": "00", "detail": "full"},
        geometry=lan_layer.geometry.values,
        crs=STORE_CRS,
    )

    links = pd.concat(
        [
            pd.DataFrame({"code": corr["desokod"], "level": "deso", "edition": "2018", "parent": corr["regsokod"]}),
            pd.DataFrame({"code": deso25["code"], "level": "deso", "edition": "2025", "parent": deso25["parent"]}),
        ],
        ignore_index=True,
    )
    regso_names_2018 = corr.drop_duplicates("regsokod")
    names = pd.concat(
        [
            pd.DataFrame(
                {
                    "code": regso_names_2018["regsokod"],
                    "level": "regso",
                    "edition": "2018",
                    "name": regso_names_2018["regsonamn"],
                }
            ),
            pd.DataFrame({"code": regso["regsokod"], "level": "regso", "edition": "2025", "name": regso["regsonamn"]}),
        ],
        ignore_index=True,
    )
    kommuner = pd.DataFrame(
        {
            "kommun": kommuner_layer["kommunkod"],
            "kommun_name": kommuner_layer["kommunnamn"],
            "lan": kommuner_layer["lanskod"],
            "lan_name": kommuner_layer["lansnamn"],
        }
    ).sort_values("kommun", ignore_index=True)
    return SourceData(
        statistics=pd.concat(stats, ignore_index=True),
        boundaries=boundaries,
        links=links,
        names=names,
        kommuner=kommuner,
        provenance=provenance,
        changes=changes,
    )
