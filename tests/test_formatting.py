"""Numbers in the reader's locale."""

from dashboard.formatting import format_number, format_value

NBSP = "\u00a0"


def test_swedish_numbers_group_with_a_space_and_use_a_decimal_comma() -> None:
    assert format_number(12345.6, "sv").replace(NBSP, " ") == "12 345,6"


def test_english_numbers_group_with_a_comma() -> None:
    assert format_number(12345.6, "en") == "12,345.6"


def test_units_follow_the_language_and_missing_values_show_a_dash() -> None:
    assert format_value(39.12, "percent", "sv") == f"39,1{NBSP}%"
    assert format_value(39.12, "percent", "en") == "39.1%"
    assert format_value(596841, "count", "sv").replace(NBSP, " ") == "596 841"
    assert format_value(None, "tkr", "sv") == "–"
    assert format_value(float("nan"), "tkr", "en") == "–"
