"""What every table download says about itself, and what it is called.

Each download comes as CSV (UTF-8 with a BOM), as the Swedish "CSV för Excel" (`;`, decimal comma) and as
an Excel workbook with a metadata sheet (`dashboard.press.spreadsheet`); the metadata rows are the same
in all three: what the numbers are, where they come from, under which licence and when they were read.
File names are made from the content, e.g. `utlandsk-bakgrund_deso_2025_goteborg.csv`.
"""

from __future__ import annotations

from dashboard.press.spreadsheet import Metadata
from dashboard.texts import text
from geodata.queries import Atlas

ATLAS_NAME = "Segregationsatlas"  # the name in source lines and oEmbed answers, in both languages
LICENCE = "CC0 1.0 (SCB)"
# metadata key (the CSV column) → its label's text key (the workbook's row heading)
META_LABELS = {
    "indicator": "meta_indicator",
    "indicator_name": "meta_indicator_name",
    "measure": "meta_measure",
    "group": "meta_group",
    "level": "meta_level",
    "unit": "meta_unit",
    "year": "meta_year",
    "vintage": "meta_vintage",
    "scb_table": "meta_scb_table",
    "definition": "meta_definition",
    "source": "meta_source",
    "licence": "meta_licence",
    "retrieved": "meta_retrieved",
}
SHEETS = {"sv": ("Data", "Om datan"), "en": ("Data", "About the data")}
MAX_NAMED_PLACES = 3  # municipality names in a file name before "m-fl"


def retrieved(atlas: Atlas) -> str:
    """The day the store's data was read from its source (its build date)."""
    return str(atlas.store.manifest.get("built_at", ""))[:10]


def metadata(atlas: Atlas, values: dict[str, object], lang: str) -> Metadata:
    """The given metadata with the licence and retrieval date added, labelled in `lang`, in `META_LABELS` order."""
    full = {**values, "licence": LICENCE, "retrieved": retrieved(atlas)}
    return Metadata(tuple((key, text(META_LABELS[key], lang), full[key]) for key in META_LABELS if key in full))


def places(atlas: Atlas, municipalities: tuple[str, ...], lang: str) -> str:
    names = [atlas.name(m, "kommun") for m in municipalities]
    if len(names) > MAX_NAMED_PLACES:
        return " ".join([*names[:MAX_NAMED_PLACES], text("and_more", lang)])
    return " ".join(names)


def source_line(atlas: Atlas, indicator: str, year: int | str, lang: str) -> str:
    """The source under a picture and in a download: SCB's tables, our processing, the reference year."""
    tables = "; ".join(atlas.catalogue.get(indicator).tables)
    return text("source_line", lang, tables=tables, atlas=ATLAS_NAME, year=year)
