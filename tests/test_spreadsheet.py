"""Downloads that spreadsheet programs open as they are (pure functions, a hand-made table)."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from dashboard.press.spreadsheet import (
    BOM,
    Metadata,
    content_filename,
    csv_bytes,
    excel_csv_bytes,
    slug,
    xlsx_bytes,
)

TABLE = pd.DataFrame(
    {"code": ["1480C1010", "1480C1020"], "name": ["Hjällbo", "Angered centrum"], "value": [91.25, float("nan")]}
)
META = Metadata((("indicator_name", "Indikator", "Utländsk bakgrund"), ("source", "Källa", "SCB, tabell TAB6571")))


def test_csv_starts_with_a_byte_order_mark_and_reads_back_unchanged():
    body = csv_bytes(TABLE)
    assert body.startswith(BOM.encode("utf-8"))
    back = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig")
    pd.testing.assert_frame_equal(back, TABLE)


def test_excel_csv_uses_semicolons_and_a_decimal_comma():
    body = excel_csv_bytes(TABLE).decode("utf-8-sig")
    assert body.splitlines()[1] == "1480C1010;Hjällbo;91,25"
    back = pd.read_csv(io.StringIO(body), sep=";", decimal=",")
    pd.testing.assert_frame_equal(back, TABLE)


def test_xlsx_holds_numbers_as_numbers_and_a_metadata_sheet():
    book = load_workbook(io.BytesIO(xlsx_bytes(TABLE, META, "Data", "Om datan")))
    assert book.sheetnames == ["Data", "Om datan"]
    rows = list(book["Data"].values)
    assert rows[0] == ("code", "name", "value")
    assert rows[1] == ("1480C1010", "Hjällbo", 91.25)
    assert rows[2] == ("1480C1020", "Angered centrum", None)  # no value is an empty cell, not "nan"
    assert list(book["Om datan"].values) == [("Indikator", "Utländsk bakgrund"), ("Källa", "SCB, tabell TAB6571")]


def test_file_names_are_made_from_content_in_plain_ascii():
    assert slug("Utländsk bakgrund") == "utlandsk-bakgrund"
    assert content_filename(["Utländsk bakgrund", "deso", 2025, "Göteborg"], "png") == (
        "utlandsk-bakgrund_deso_2025_goteborg.png"
    )
    assert content_filename(["Förgymnasial", "", None, "Malmö, Lund"], "csv") == "forgymnasial_malmo-lund.csv"
    assert content_filename([], "csv") == "segregationsatlas.csv"
    assert len(content_filename(["ö" * 200], "xlsx")) <= 60 + len(".xlsx")
