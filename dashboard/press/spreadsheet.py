"""Files that spreadsheet programs open as they are: CSV with a byte-order mark, a Swedish "CSV för Excel"
(`;` between fields, decimal comma) and `.xlsx` with a data sheet and a metadata sheet; and file names
made from what a file holds (`utlandsk-bakgrund_deso_2025_goteborg.csv`).

Swedish Excel reads a comma-separated file without a BOM as one column of mis-decoded text: the BOM
makes it read UTF-8, and the `;`/decimal-comma variant is what it expects from a double-click.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

BOM = "\ufeff"
NAME_PARTS_MAX = 60  # characters of a file name before its extension
# the table formats every download offers: extension → media type
TABLE_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "excel.csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Metadata:
    """What a reader needs to cite and understand a downloaded table: (key, label, value) rows; the key is
    the column name in a CSV, the label the row heading on a workbook's metadata sheet."""

    rows: tuple[tuple[str, str, object], ...]

    def as_dict(self) -> dict[str, object]:
        return {key: value for key, _label, value in self.rows}


def csv_bytes(table: pd.DataFrame) -> bytes:
    """Comma-separated, decimal point, UTF-8 with a BOM (for programs and for Excel in English)."""
    return (BOM + table.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def excel_csv_bytes(table: pd.DataFrame) -> bytes:
    """The Swedish Excel dialect: `;` between fields and a decimal comma, UTF-8 with a BOM."""
    return (BOM + table.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")).encode("utf-8")


def xlsx_bytes(table: pd.DataFrame, metadata: Metadata, data_sheet: str, meta_sheet: str) -> bytes:
    """A workbook: the table on its own sheet (numbers as numbers, a bold header, frozen first row) and the
    metadata as label/value rows on a second sheet."""
    book = Workbook()
    data = book.active
    data.title = data_sheet[:31]  # Excel's limit on sheet names
    data.append([str(c) for c in table.columns])
    for row in table.itertuples(index=False, name=None):
        data.append([_cell(v) for v in row])
    _style(data, table.columns)
    meta = book.create_sheet(meta_sheet[:31])
    for _key, label, value in metadata.rows:
        meta.append([label, _cell(value)])
    for cell in meta["A"]:
        cell.font = Font(bold=True)
    meta.column_dimensions["A"].width = 24
    meta.column_dimensions["B"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_bytes(table: pd.DataFrame, metadata: Metadata, fmt: str, sheets: tuple[str, str]) -> bytes:
    """A table in one of `TABLE_FORMATS`: the CSVs carry the metadata as columns on every row (a file that
    travels alone still says what it is), the workbook on its own sheet."""
    if fmt == "xlsx":
        return xlsx_bytes(table, metadata, *sheets)
    with_meta = table.assign(**metadata.as_dict())
    return excel_csv_bytes(with_meta) if fmt == "excel.csv" else csv_bytes(with_meta)


def _cell(value: object) -> object:
    """A value openpyxl writes natively: NaN and None as an empty cell, numpy scalars as Python ones."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
        if isinstance(value, float) and value != value:
            return None
    return value


def _style(sheet, columns: Iterable[object]) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for i, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(str(name)) + 4))


def slug(text: str) -> str:
    """`Utländsk bakgrund` → `utlandsk-bakgrund`: ASCII letters and digits joined by hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def content_filename(parts: Iterable[object], extension: str) -> str:
    """A file name from what the file holds, e.g. (`Utländsk bakgrund`, `deso`, 2025, `Göteborg`) →
    `utlandsk-bakgrund_deso_2025_goteborg.csv`; empty parts are skipped and long names shortened."""
    words = [slug(str(p)) for p in parts if p not in (None, "")]
    stem = "_".join(w for w in words if w)[:NAME_PARTS_MAX].rstrip("-_") or "segregationsatlas"
    return f"{stem}.{extension}"
