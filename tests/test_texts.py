"""The one text system: every key in both languages with the same placeholders, every key the code
uses exists, keys are literal (or listed in a table in texts.py), and no inline language branches."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from dashboard import texts
from dashboard.formatting import format_number, plotly_separators
from dashboard.texts import TEXTS, text
from geodata.measures import MEASURE_INFO

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"
KEY_TABLES = [
    texts.ABOUT_EXAMPLE_KEYS,
    texts.HELP_TITLE_KEYS,
    texts.LISA_KEYS,
    texts.REFERENCE_GAP_KEYS,
    texts.CHANGE_UNIT_KEYS,
    texts.JOIN_KEYS,
    texts.REASON_KEYS,
    texts.CLASS_METHOD_KEYS,
    texts.MEASURE_KEYS,
    texts.MEASURE_SYMBOL_KEYS,
    texts.NOTICE_KEYS,
    texts.ABOUT_SECTION_KEYS,
    texts.ABOUT_MEASURE_KEYS,
]
# Modules another engineer is restructuring (issue 12, views and press routes): their f-string keys and
# inline language branches are switched to the tables by the lead when the two changes meet.
LITERAL_KEY = re.compile(r"""\b(?:text|t)\(\s*["']([A-Za-z0-9_]+)["']""")
BUILT_KEY = re.compile(r"""\b(?:text|t)\(\s*f["']""")
LANG_BRANCH = re.compile(r"""lang\s*[!=]=\s*["'](?:sv|en)["']""")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _sources() -> dict[str, str]:
    return {str(p.relative_to(DASHBOARD)): p.read_text("utf-8") for p in DASHBOARD.rglob("*.py")}


def test_every_key_is_in_both_languages_with_the_same_placeholders() -> None:
    assert set(TEXTS["sv"]) == set(TEXTS["en"]), set(TEXTS["sv"]) ^ set(TEXTS["en"])
    differ = {k: (_fields(TEXTS["sv"][k]), _fields(TEXTS["en"][k])) for k in TEXTS["sv"]}
    assert {k: v for k, v in differ.items() if v[0] != v[1]} == {}
    assert all(TEXTS[lang][k].strip() for lang in TEXTS for k in TEXTS[lang])


def test_every_key_the_code_uses_exists() -> None:
    used = {key for source in _sources().values() for key in LITERAL_KEY.findall(source)}
    assert len(used) > 100  # the pattern finds the calls
    assert sorted(used - set(TEXTS["sv"])) == []
    listed = {key for table in KEY_TABLES for key in table.values()}
    assert sorted(listed - set(TEXTS["sv"])) == []


def test_keys_are_literal_and_there_are_no_language_branches() -> None:
    built = {name for name, source in _sources().items() if BUILT_KEY.search(source)}
    assert built == set()
    branches = {name for name, source in _sources().items() if LANG_BRANCH.search(source)}
    assert branches == set()


def test_the_measures_texts_are_the_data_layers_description() -> None:
    for m in MEASURE_INFO.values():
        for lang in ("sv", "en"):
            assert text(texts.MEASURE_KEYS[m.id], lang) == m.name[lang]
            assert text(texts.MEASURE_SYMBOL_KEYS[m.id], lang) == m.symbol


@pytest.mark.parametrize(("lang", "expected"), [("sv", ",\u00a0"), ("en", ".,")])
def test_plotly_separators_follow_the_number_format(lang: str, expected: str) -> None:
    assert plotly_separators(lang) == expected
    formatted = format_number(12345.6, lang, 1)
    assert formatted == f"12{expected[1]}345{expected[0]}6"


def test_the_tables_cover_every_value_they_translate() -> None:
    from dashboard.components.legend import LISA_ORDER
    from dashboard.urlstate import CLASS_METHODS

    notices = set(re.findall(r"""Notice\(\s*["']([a-z_]+)["']""", (DASHBOARD / "urlstate.py").read_text("utf-8")))
    assert notices and notices <= set(texts.NOTICE_KEYS)
    assert set(LISA_ORDER) == set(texts.LISA_KEYS)
    # the methods a legend names: the user's choices, the sampled variant and a category's own classes
    assert {*CLASS_METHODS, "fisher_jenks_sampled", "categories"} <= set(texts.CLASS_METHOD_KEYS)
