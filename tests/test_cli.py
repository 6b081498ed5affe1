"""The scriptable CLI: output format, help everywhere, and exit codes scripts can rely on."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geodata.cli import main

REPO = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--store", str(store), *args])
    out, err = capsys.readouterr()
    return code, out, err


def values(
    capsys: pytest.CaptureFixture[str],
    store: Path,
    indicator: str,
    level: str,
    year: str,
    municipality: str,
    *extra: str,
) -> tuple[int, str, str]:
    """`geodata values` for one indicator, level, year and municipality list."""
    args = ["--indicator", indicator, "--level", level, "--year", year, "--municipality", municipality]
    return run(capsys, store, "values", *args, *extra)


def test_values_prints_code_name_value_for_three_municipalities(capsys, store_dir: Path) -> None:
    code, out, _ = values(capsys, store_dir, "utlandsk_bakgrund", "kommun", "2022", "1480,1481,1490")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["code"], r["name"]) for r in rows] == [("1480", "Göteborg"), ("1481", "Mölndal"), ("1490", "Borås")]
    assert float(rows[0]["value"]) == pytest.approx(39.1206, abs=1e-4)


def test_values_leaves_the_value_empty_where_there_is_none(capsys, store_dir: Path) -> None:
    code, out, _ = values(capsys, store_dir, "flerbostadshus", "deso", "2025", "1480")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 320
    assert any(r["value"] == "" for r in rows) and any(r["value"] for r in rows)


def test_values_as_json_uses_null_for_missing(capsys, store_dir: Path) -> None:
    code, out, _ = values(capsys, store_dir, "flerbostadshus", "deso", "2025", "1480", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and {"code", "name", "value"} == set(rows[0])
    assert any(r["value"] is None for r in rows)


@pytest.mark.parametrize(
    ("args", "exit_code", "message"),
    [
        (["values", "--indicator", "nope", "--level", "kommun", "--year", "2022"], 2, "unknown indicator 'nope'"),
        (["values", "--indicator", "befolkning", "--level", "kommun", "--year", "1999"], 2, "years: 2010, 2020"),
        (
            ["values", "--indicator", "befolkning", "--level", "kommun", "--year", "2022", "--municipality", "14x0"],
            2,
            "four digits",
        ),
        (["values", "--indicator", "median_inkomst", "--level", "kommun", "--year", "2022"], 2, "levels: deso"),
    ],
)
def test_usage_errors_exit_2_with_a_message(capsys, store_dir: Path, args, exit_code: int, message: str) -> None:
    code, out, err = run(capsys, store_dir, *args)
    assert code == exit_code and message in err and out == ""


def test_a_missing_store_exits_4_and_says_how_to_build(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path, "values", "--indicator", "befolkning", "--level", "riket", "--year", "2022")
    assert code == 4 and "geodata build --from" in err


def test_a_missing_bundle_exits_3(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path / "s", "build", "--from", str(tmp_path / "nothing"), "--quiet")
    assert code == 3 and "no reference bundle" in err


@pytest.mark.parametrize("command", [[], ["build"], ["values"], ["info"], ["indicators"]])
def test_every_command_has_help(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "geodata", *command, "--help"], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert done.returncode == 0 and "usage: geodata" in done.stdout


def test_info_describes_the_store(capsys, store_dir: Path) -> None:
    code, out, _ = run(capsys, store_dir, "info")
    # Göteborgsregionen's DeSO 2018 codes on DeSO 2025 shapes, by SCB's change log (the same area, or the
    # parts of an exact split): not the 738 whose code merely exists in 2025
    assert code == 0 and "deso 2018 on 2025 geometry: 697 of 758 codes can be drawn" in out


def test_stockholm_2023_prints_544_deso_whose_sum_is_the_municipal_value(capsys, store_dir: Path) -> None:
    args = ["values", "--indicator", "befolkning", "--level", "deso", "--municipality", "0180"]
    code, out, _ = run(capsys, store_dir, *args, "--year", "2023")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 544
    code, kommun, _ = run(capsys, store_dir, *[a if a != "deso" else "kommun" for a in args], "--year", "2023")
    (total,) = csv.DictReader(io.StringIO(kommun))
    assert float(total["value"]) == sum(float(r["value"]) for r in rows)


def test_stockholm_2010_is_summed_only_where_every_deso_was_published(capsys, store_dir: Path) -> None:
    code, out, _ = values(capsys, store_dir, "befolkning", "deso", "2010", "0180,0181,0126")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    code, kommun, _ = values(capsys, store_dir, "befolkning", "kommun", "2010", "0180,0181,0126")
    for k in csv.DictReader(io.StringIO(kommun)):
        members = [r["value"] for r in rows if r["code"].startswith(k["code"])]
        if all(members):
            assert float(k["value"]) == sum(float(v) for v in members)
        else:
            assert k["value"] == ""  # an area built after 2010 has no figure: no sum, no undercount
    assert any(k["value"] for k in csv.DictReader(io.StringIO(kommun)))


def test_uppsala_2022_deso_values_print(capsys, store_dir: Path) -> None:
    code, out, _ = values(capsys, store_dir, "befolkning", "deso", "2022", "0380")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 150 and all(r["value"] for r in rows)


def test_history_prints_one_unbroken_row_per_year_for_an_unchanged_deso(capsys, store_dir: Path) -> None:
    code, out, _ = run(capsys, store_dir, "history", "--area", "1480C3050", "--indicator", "befolkning")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [(r["year"], r["edition"], r["join"]) for r in rows] == [
        ("2022", "2018", "same"),
        ("2023", "2018", "same"),
        ("2025", "2025", "same"),
    ]


def test_history_in_json_shows_a_split_summed_back_and_a_break_with_its_reason(capsys, store_dir: Path) -> None:
    code, out, _ = run(
        capsys, store_dir, "history", "--area", "1480C1030", "--indicator", "befolkning", "--format", "json"
    )
    rows = json.loads(out)
    assert code == 0 and rows[-1]["join"] == "split_sum" and rows[-1]["source_code"] == "1480C1031+1480C1032"
    code, out, _ = run(
        capsys, store_dir, "history", "--area", "1480C2430", "--indicator", "befolkning", "--format", "json"
    )
    rows = json.loads(out)
    assert rows[0]["join"] == "none" and rows[0]["reason"] == "boundary_moved"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--area", "1480C9999", "--indicator", "befolkning"], "unknown area code '1480C9999'"),
        (["--area", "nonsense", "--indicator", "befolkning"], "unknown area code"),
        (["--area", "1480C3050", "--indicator", "nope"], "unknown indicator 'nope'"),
    ],
)
def test_history_of_an_unknown_area_or_indicator_is_a_usage_error(capsys, store_dir: Path, args, message) -> None:
    code, _, err = run(capsys, store_dir, "history", *args)
    assert code == 2 and message in err


def test_info_counts_the_deso_of_each_crosswalk_class(capsys, store_dir: Path) -> None:
    code, out, _ = run(capsys, store_dir, "info")
    assert code == 0
    assert "deso 2018 → 2025, all of Sweden: unchanged 5148" in out
    assert "regso_2025: 110 shapes derived from their DeSO" in out
