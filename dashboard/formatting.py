"""Numbers and units in the reader's locale, through Babel: `12 345,6` in Swedish, `12,345.6` in English."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

LOCALES = {"sv": "sv_SE", "en": "en_GB"}
NBSP = "\u00a0"  # keeps a number and its unit on one line
UNIT_SUFFIX = {
    "sv": {
        "percent": f"{NBSP}%",
        "tkr": f"{NBSP}tkr",
        "per_1000": f"{NBSP}per{NBSP}1{NBSP}000",
        "count": "",
        "ratio": "",
        "category": "",
    },
    "en": {
        "percent": "%",
        "tkr": f"{NBSP}kSEK",
        "per_1000": f"{NBSP}per{NBSP}1,000",
        "count": "",
        "ratio": "",
        "category": "",
    },
}
DECIMALS = {"percent": 1, "tkr": 0, "per_1000": 0, "count": 0, "ratio": 2, "category": 0}


def format_number(value: float | None, lang: str = "sv", decimals: int = 1) -> str:
    """A number for reading, or an en dash where there is none: Babel's `#,##0.0…` pattern in the locale,
    rounded as Babel rounds, done with `decimal` directly (a map labels hundreds of values per request)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = Decimal(str(value))
    if not number.is_finite():
        return format_decimal(value, locale=LOCALES[lang])
    rounded = number.quantize(_STEPS[decimals], rounding=ROUND_HALF_EVEN)
    return format(rounded, ",f").translate(_SYMBOLS[lang])


_STEPS = [Decimal(1).scaleb(-d) for d in range(10)]
_SYMBOLS = {
    lang: str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale)})
    for lang, locale in LOCALES.items()
}


def plotly_separators(lang: str = "sv") -> str:
    """Plotly's `separators` (decimal mark, then thousands separator) in the reader's locale, from the
    same Babel locale as `format_number`: ',\u00a0' in Swedish, '.,' in English."""
    locale = LOCALES[lang]
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def decimal_comma(lang: str) -> bool:
    """Whether the locale writes "," as its decimal mark (its spreadsheets then split CSV on ";")."""
    return get_decimal_symbol(LOCALES[lang]) == ","


def format_value(value: float | None, unit: str, lang: str = "sv") -> str:
    """A value with its unit, e.g. `39,1 %` or `596 841`."""
    text = format_number(value, lang, DECIMALS.get(unit, 1))
    return text if text == "–" else text + UNIT_SUFFIX[lang].get(unit, "")


CHANGE_SUFFIX = {
    "sv": {"pp": f"{NBSP}p.e.", "percent": f"{NBSP}%"},
    "en": {"pp": f"{NBSP}pp", "percent": "%"},
}
MINUS = "\u2212"


def format_change(value: float | None, unit: str, lang: str = "sv") -> str:
    """A change with its sign and unit: `+1,2 p.e.` (percentage points) or `−3,4 %` (percent)."""
    size = format_number(None if value is None else abs(value), lang, 1)
    if size == "–":
        return size
    sign = "+" if value > 0 and size.strip("0,.") else MINUS if value < 0 and size.strip("0,.") else ""
    return sign + size + CHANGE_SUFFIX[lang][unit]
