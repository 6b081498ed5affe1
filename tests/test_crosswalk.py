"""SCB's change log as a crosswalk: every class, continuous histories, split sums, breaks and changes."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geodata.errors import MalformedFileError, UsageError
from geodata.queries import Atlas
from geodata.sources.bundle import read_changes_csv
from geodata.steps.crosswalk import CLASSES, classify_deso

GOTEBORG = "1480"


def _log(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(a, b, t, "2025-01-01") for a, b, t in rows], columns=["tidigare_deso", "deso", "forandringstyp", "datum"]
    )


def test_every_class_follows_the_documented_precedence_on_a_toy_log() -> None:
    log = _log(
        [
            ("0001A0010", "0001A0010", "Utvidgas till territorialvattengräns"),  # water only
            ("0001A0020", "0001B0020", "Kodändrad; annat än 20-22"),  # code changed
            ("0001C0030", "0001C0031", "Upphör; till nybildad"),  # exact split
            ("0001C0030", "0001C0032", "Upphör; till nybildad"),
            ("0001C0040", "0001C0050", "Upphör; till befintlig"),  # merged into 0050 ...
            ("0001C0050", "0001C0050", "Utvidgas"),  # ... which therefore moved
            ("0001C0060", "0001C0061", "Upphör; till nybildad"),  # split, but 0061 also takes land
            ("0001C0060", "0001C0062", "Upphör; till nybildad"),
            ("0001C0070", "0001C0061", "Ger del till nybildad"),
            ("0001C0070", "0001C0070", "Minskas och ger del till befintlig eller nybildad"),
            ("0001A0080", "0001A0080", "Utvidgas till territorialvattengräns"),  # water, but takes land too
            ("0001C0090", "0001A0080", "Ger del/delar till befintlig"),
            ("0001C0090", "0001C0090", "Minskas och ger del till befintlig eller nybildad"),
        ]
    )
    codes = ["0001A0000", "0001A0010", "0001A0020", "0001C0030", "0001C0040", "0001C0050", "0001C0060"]
    codes += ["0001C0070", "0001A0080", "0001C0090"]
    got = classify_deso(log, codes).set_index("code")
    assert got["class"].to_dict() == {
        "0001A0000": "unchanged",
        "0001A0010": "water_only",
        "0001A0020": "code_changed",
        "0001C0030": "split",
        "0001C0040": "merged",
        "0001C0050": "moved",
        "0001C0060": "moved",
        "0001C0070": "moved",
        "0001A0080": "moved",
        "0001C0090": "moved",
    }
    assert got.loc["0001C0030", "successors"] == "0001C0031,0001C0032"
    assert got.loc["0001A0020", "successors"] == "0001B0020"
    assert got.loc["0001C0050", "successors"] == ""


def test_scbs_log_classifies_all_5984_deso_and_implies_the_2025_codes_of_the_shapes(atlas: Atlas) -> None:
    deso = atlas.crosswalk[atlas.crosswalk["level"] == "deso"]
    assert len(deso) == 5984 and deso["code"].is_unique
    counts = atlas.crosswalk_counts()["deso"]
    assert set(counts) <= set(CLASSES) and sum(counts.values()) == 5984
    assert counts["code_changed"] == 5 and counts["split"] > 0 and counts["merged"] > 0
    assert counts["unchanged"] + counts["water_only"] + counts["code_changed"] + counts["split"] > 5300
    # For Göteborg: every 2025 shape is a continuation of a 2018 area or comes from a moved/merged one.
    shapes = set(atlas.shapes("deso", "2025", [GOTEBORG])["code"])
    carried = {c for s in deso.loc[deso["kommun"] == GOTEBORG, "successors"] for c in s.split(",") if c}
    assert carried <= shapes and 280 < len(carried) < len(shapes) == 320


def test_the_change_log_reader_names_file_and_line_of_a_bad_row(tmp_path) -> None:
    path = tmp_path / "changes.csv"
    path.write_text("tidigare_deso,deso,forandringstyp,datum\n1480C1030,1480C1031,Flyttad,2025-01-01\n", "utf-8")
    with pytest.raises(MalformedFileError, match=r"line 2: unknown change type 'Flyttad'"):
        read_changes_csv(path)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("1480C3050", "unchanged"),
        ("1480A0010", "water_only"),
        ("1480C1030", "split"),
        ("1480C1031", "split"),
        ("1480C1690", "merged"),
        ("1480C2430", "moved"),
        ("0586C2010", "code_changed"),
        ("0586B2010", "code_changed"),
    ],
)
def test_every_class_is_found_in_the_real_log(atlas: Atlas, code: str, expected: str) -> None:
    assert atlas.crosswalk_class(code) == expected


def test_an_unchanged_goteborg_deso_has_one_unbroken_population_history(atlas: Atlas) -> None:
    hist = atlas.history("1480C3050", "deso", ["befolkning"])
    assert hist["year"].tolist() == [2022, 2023, 2025]
    assert set(hist["join"]) == {"same"} and hist["reason"].isna().all()
    assert hist["edition"].tolist() == ["2018", "2018", "2025"]
    assert set(hist["source_code"]) == {"1480C3050"}


def test_water_only_areas_continue_as_the_same_area(atlas: Atlas) -> None:
    hist = atlas.history("1480A0010", "deso", ["befolkning"])
    assert set(hist["join"]) == {"same"} and {2022, 2025} <= set(hist["year"])


def test_a_split_area_has_its_children_summed_back_by_counts(atlas: Atlas) -> None:
    hist = atlas.history("1480C1030", "deso", ["befolkning", "hyresratt", "utlandsk_bakgrund"], edition="2018")
    pop = hist[hist["indicator"] == "befolkning"].set_index("year")
    children = [atlas.value("befolkning", "deso", 2025, c) for c in ("1480C1031", "1480C1032")]
    assert pop.loc[2025, "join"] == "split_sum" and pop.loc[2025, "value"] == sum(children)
    assert pop.loc[2025, "source_code"] == "1480C1031+1480C1032"
    assert pop.loc[2022, "join"] == "same"
    rent = hist[(hist["indicator"] == "hyresratt") & (hist["year"] == 2025)].iloc[0]
    v = atlas.values("hyresratt", "deso", 2025, [GOTEBORG]).set_index("code").loc[["1480C1031", "1480C1032"]]
    assert rent["value"] == pytest.approx(100 * v["numerator"].sum() / v["denominator"].sum())
    # A share published without counts (2024 rentals, foreign background) is never averaged across children.
    assert not ((hist["year"] == 2024) & (hist["join"] == "split_sum")).any()
    assert hist[hist["indicator"] == "utlandsk_bakgrund"]["join"].tolist() == ["same"]


def test_a_split_child_shows_its_parents_earlier_years_labelled_as_the_parents(atlas: Atlas) -> None:
    hist = atlas.history("1480C1031", "deso", ["befolkning"]).set_index("year")
    assert hist.loc[2022, "join"] == "parent" and hist.loc[2022, "source_code"] == "1480C1030"
    assert hist.loc[2022, "value"] == atlas.value("befolkning", "deso", 2022, "1480C1030")
    assert hist.loc[2025, "join"] == "same" and hist.loc[2025, "source_code"] == "1480C1031"


def test_a_moved_boundary_keeps_the_break_with_its_reason(atlas: Atlas) -> None:
    hist = atlas.history("1480C2430", "deso", ["befolkning"]).set_index("year")
    assert hist.loc[2022, "join"] == "none" and hist.loc[2022, "reason"] == "boundary_moved"
    assert hist.loc[2025, "join"] == "same" and hist.loc[2025, "reason"] is None


def test_kommun_histories_are_always_the_same_area(atlas: Atlas) -> None:
    hist = atlas.history(GOTEBORG, "kommun", ["befolkning"])
    assert set(hist["join"]) == {"same"} and {2022, 2023, 2025} <= set(hist["year"])


def test_a_change_is_computed_only_for_continuous_series_and_says_why_not(atlas: Atlas) -> None:
    change = atlas.change("befolkning", "deso", 2022, 2025, [GOTEBORG]).set_index("code")
    assert len(change) == 320
    row = change.loc["1480C3050"]
    assert row["change"] == pytest.approx(100 * (row["value_to"] - row["value_from"]) / row["value_from"])
    assert change.loc["1480C2430", "reason"] == "boundary_moved" and math.isnan(change.loc["1480C2430", "change"])
    assert change.loc["1480C1031", "reason"] == "split"
    assert change["reason"].isna().sum() == change["change"].notna().sum()
    assert atlas.change_unit("befolkning") == "percent" and atlas.change_unit("hyresratt") == "pp"


def test_a_share_changes_in_percentage_points(atlas: Atlas) -> None:
    change = atlas.change("hyresratt", "deso", 2022, 2025, [GOTEBORG]).set_index("code")
    row = change.loc["1480C3050"]
    assert row["change"] == pytest.approx(row["value_to"] - row["value_from"])
    same_edition = atlas.change("hyresratt", "deso", 2024, 2025, [GOTEBORG])
    assert same_edition["change"].notna().sum() == 320


def test_a_split_parent_changes_through_its_summed_children_when_seen_on_2018_codes(atlas: Atlas) -> None:
    change = atlas.change("befolkning", "deso", 2025, 2022, [GOTEBORG]).set_index("code")
    row = change.loc["1480C1030"]
    children = sum(atlas.value("befolkning", "deso", 2025, c) for c in ("1480C1031", "1480C1032"))
    assert row["join"] == "split_sum" and row["value_from"] == children


def test_changes_of_categories_or_one_year_are_usage_errors(atlas: Atlas) -> None:
    with pytest.raises(UsageError, match="category"):
        atlas.change("omradestyp", "regso", 2022, 2023, [GOTEBORG])
    with pytest.raises(UsageError, match="two different years"):
        atlas.change("befolkning", "deso", 2022, 2022, [GOTEBORG])


def test_regso_continuity_is_derived_from_their_deso(atlas: Atlas) -> None:
    counts = atlas.crosswalk_counts([GOTEBORG])["regso"]
    assert counts["unchanged"] > 100 and counts["moved"] > 0
    unchanged = atlas.crosswalk[(atlas.crosswalk["level"] == "regso") & (atlas.crosswalk["class"] == "unchanged")]
    code = unchanged.loc[unchanged["kommun"] == GOTEBORG, "code"].iloc[0]
    hist = atlas.history(code, "regso", ["befolkning"])
    assert set(hist["join"]) == {"same"} and {2020, 2023, 2025} <= set(hist["year"])
    assert atlas.crosswalk_class("0180R001", "regso") == "unknown"  # no RegSO 2025 membership for Stockholm
