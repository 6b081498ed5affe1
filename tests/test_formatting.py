"""Numbers in the reader's locale."""

from dashboard.formatting import format_change, format_number, format_value

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


def test_a_change_has_its_sign_and_is_in_percentage_points_or_percent() -> None:
    assert format_change(1.23, "pp", "sv") == f"+1,2{NBSP}p.e."
    assert format_change(-4.56, "percent", "sv") == f"\u22124,6{NBSP}%"
    assert format_change(-4.56, "pp", "en") == f"\u22124.6{NBSP}pp"
    assert format_change(0.01, "pp", "sv") == f"0,0{NBSP}p.e."  # rounds to no change: no sign
    assert format_change(float("nan"), "percent", "en") == "–"
