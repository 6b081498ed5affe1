"""A missing or malformed bundle file stops the build with the file's name and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.errors import MalformedFileError, SourceError
from geodata.sources.bundle import read_bundle, read_statistics_csv


def linked_bundle(real: Path, tmp: Path) -> Path:
    """A bundle of symlinks to the real files, so a test can replace one file without copying data."""
    for path in real.rglob("*"):
        if path.is_file():
            target = tmp / path.relative_to(real)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
    return tmp


def write_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "region_code,year,variable,value\n"
GOOD = "1480C3050,2022,folkmangd,1500\n"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (GOOD + "1480X3050,2022,folkmangd,1\n", 3, "not a DESO code"),
        (GOOD + GOOD + "1480C3060,twenty,folkmangd,1\n", 4, "is not a year"),
        (GOOD + "1480C3060,2022,folkmangd,many\n", 3, "'many' is not a number"),
        (GOOD + GOOD, 3, "appear twice"),
        (GOOD + "1480C3060,2022,,5\n", 3, "variable name is empty"),
    ],
)
def test_a_malformed_row_is_reported_with_file_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = write_csv(tmp_path, HEADER + body)
    with pytest.raises(MalformedFileError, match=message) as err:
        read_statistics_csv(path, "deso", "2018")
    assert err.value.line == line
    assert f"bad.csv, line {line}" in str(err.value)


def test_a_wrong_header_is_reported_on_line_1(tmp_path: Path) -> None:
    with pytest.raises(MalformedFileError, match="line 1: header"):
        read_statistics_csv(write_csv(tmp_path, "kod,år,värde\n1,2,3\n"), "deso", "2018")


def test_a_ragged_csv_is_reported_as_malformed(tmp_path: Path) -> None:
    with pytest.raises(MalformedFileError, match="not a well-formed CSV"):
        read_statistics_csv(write_csv(tmp_path, HEADER + GOOD + "1480C3060,2022,folkmangd,1,extra,x\n"), "deso", "2018")


def test_dots_and_empty_values_become_missing_not_zero(tmp_path: Path) -> None:
    path = write_csv(tmp_path, HEADER + GOOD + "1480C3060,2022,folkmangd,..\n1480C3070,2022,folkmangd,\n")
    frame = read_statistics_csv(path, "deso", "2018")
    assert frame["code"].tolist() == ["1480C3050"]


def test_a_missing_bundle_file_is_named(bundle: Path, tmp_path: Path) -> None:
    root = linked_bundle(bundle, tmp_path / "b")
    (root / "boundaries" / "lan.gpkg").unlink()
    with pytest.raises(SourceError, match=r"lacks boundaries/lan\.gpkg"):
        read_bundle(root)


def test_a_corrupt_geopackage_is_named(bundle: Path, tmp_path: Path) -> None:
    root = linked_bundle(bundle, tmp_path / "b")
    target = root / "boundaries" / "kommuner.gpkg"
    target.unlink()
    target.write_bytes(b"not a geopackage")
    with pytest.raises(MalformedFileError, match=r"kommuner\.gpkg: not a readable GeoPackage"):
        read_bundle(root)


def test_a_missing_bundle_directory_says_how_to_name_one(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="GEODATA_BUNDLE"):
        read_bundle(tmp_path / "nowhere")


def test_the_real_bundle_reads_with_provenance_for_every_file(bundle: Path) -> None:
    data = read_bundle(bundle)
    assert len(data.provenance) == 14  # 5 statistics, 2 correspondence files, 7 GeoPackages
    assert all(len(p["sha256"]) == 64 and p["rows"] > 0 for p in data.provenance)
    assert "alder_80_w" in set(data.statistics["variable"])
    assert {k: len(v) for k, v in data.boundaries.items()} == {
        ("deso", "2018"): 1287 + 238,
        ("deso", "2025"): 584 + 196,
        ("regso", "2025"): 300,
        ("kommun", "2025"): 290,
        ("lan", "2025"): 21,
    }
    assert all(str(f.crs) == "EPSG:3006" for f in data.boundaries.values())


def test_the_change_log_and_the_new_statistics_are_read(bundle: Path) -> None:
    data = read_bundle(bundle)
    assert len(data.changes) == 1234
    stats = data.statistics
    deso = stats[stats["level"] == "deso"]
    assert deso.loc[(deso["year"] == 2023) & (deso["variable"] == "folkmangd"), "value"].sum() == 10_551_707
    stockholm_2010 = stats[(stats["year"] == 2010) & (stats["variable"] == "folkmangd")]
    assert len(stockholm_2010) == 1279 and stockholm_2010["value"].sum() == 2_054_343


@pytest.mark.parametrize(
    "rel",
    [
        "correspondence/deso2018_deso2025_changes.csv",
        "boundaries/DeSO_2018_uppsala_lan.gpkg",
        "statistics/deso2018_stockholms_lan_2010.csv",
    ],
)
def test_a_missing_new_file_is_named(bundle: Path, tmp_path: Path, rel: str) -> None:
    root = linked_bundle(bundle, tmp_path / "b")
    (root / rel).unlink()
    with pytest.raises(SourceError, match=f"lacks {rel}"):
        read_bundle(root)


def test_a_malformed_change_log_row_names_file_and_line(bundle: Path, tmp_path: Path) -> None:
    root = linked_bundle(bundle, tmp_path / "b")
    target = root / "correspondence" / "deso2018_deso2025_changes.csv"
    text = (bundle / "correspondence" / "deso2018_deso2025_changes.csv").read_text("utf-8").splitlines()
    text[3] = "1480C1030,not-a-code,Upphör; till nybildad,2025-01-01"
    target.unlink()
    target.write_text("\n".join(text) + "\n", "utf-8")
    with pytest.raises(MalformedFileError, match=r"changes\.csv, line 4: 'not-a-code' is not a DeSO code"):
        read_bundle(root)
