"""Map classes on hand-computable values, and their legend labels in Swedish."""

from __future__ import annotations

import math
from itertools import pairwise

from dashboard.classify import BOX, CATEGORY, DIVERGING, NO_DATA, SEQUENTIAL, classify, classify_change
from dashboard.components.legend import class_labels
from geodata.catalog import load_catalogue

NAN = math.nan
CAT = load_catalogue()


def test_quantiles_put_equal_counts_in_five_classes_and_nan_in_none() -> None:
    c = classify((*range(1, 11), NAN), "quantiles")
    assert c.counts == (2, 2, 2, 2, 2)
    assert c.index == (0, 0, 1, 1, 2, 2, 3, 3, 4, 4, -1)
    assert c.colors == SEQUENTIAL and c.upper[-1] == 10 and c.lower[0] == 1


def test_equal_intervals_split_the_range_evenly() -> None:
    c = classify((0.0, 10.0, 20.0, 30.0, 40.0, 50.0), "equal_interval")
    assert [round(u, 6) for u in c.upper] == [10, 20, 30, 40, 50]


def test_fisher_jenks_separates_obvious_groups() -> None:
    c = classify((1.0, 1.1, 1.2, 5.0, 5.1, 9.0, 9.2, 20.0, 20.5, 40.0), "fisher_jenks")
    assert c.index == (0, 0, 0, 1, 1, 2, 2, 3, 3, 4)


def test_fisher_jenks_samples_large_inputs_and_says_so() -> None:
    values = tuple(float(v % 97) for v in range(3000))
    assert classify(values, "fisher_jenks").method == "fisher_jenks_sampled"


def test_a_box_map_puts_outliers_in_the_outer_classes_and_drops_an_empty_one() -> None:
    c = classify((*map(float, range(1, 10)), 100.0), "box")
    # no value lies below the low fence (a negative number here): that class is left out, not shown empty
    assert c.colors == BOX[1:] and c.index[-1] == 4 and 0 not in c.counts and c.index[0] == 0
    assert min(c.lower) == 1.0 and max(c.upper) == 100.0


def test_box_map_legend_bounds_stay_within_the_data() -> None:
    shares = (2.0, 40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 90.0)
    c = classify(shares, "box")
    labels = class_labels(c, CAT.get("hyresratt"), "sv")
    assert c.colors[0] == BOX[0] and c.colors[-1] == BOX[-1]  # outliers at both ends
    assert labels[0] == "≤ 34,5\u00a0%" and labels[-1] == "> 52,5\u00a0%"
    assert all(2.0 <= v <= 90.0 for v in (*c.lower, *c.upper))
    assert not any(label.startswith("-") for label in labels)


def test_few_distinct_values_give_fewer_classes() -> None:
    assert len(classify((3.0, 3.0, 7.0), "quantiles").upper) == 2
    assert classify((4.0, 4.0), "quantiles").counts == (2,)


def test_categories_keep_their_own_colours_and_counts() -> None:
    c = classify((1.0, 2.0, 2.0, 5.0, NAN), "quantiles", categorical=True)
    assert c.counts == (1, 2, 0, 0, 1) and c.colors == tuple(CATEGORY.values()) and c.index[-1] == -1


def test_legend_ranges_use_swedish_numbers_and_category_names() -> None:
    c = classify((1.25, 2.5, 3.75, 5.0, 6.25), "quantiles")
    labels = class_labels(c, CAT.get("utlandsk_bakgrund"), "sv")
    assert labels[0] == "1,2\u00a0% – 2,2\u00a0%"
    cats = classify((1.0, 5.0), "quantiles", categorical=True)
    assert class_labels(cats, CAT.get("omradestyp"), "en")[0] == "1 Major socioeconomic challenges"


def test_change_classes_are_symmetric_around_zero_on_the_diverging_palette() -> None:
    values = (-8.0, -3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, NAN)
    c = classify_change(values, "equal_interval")  # sizes 0…8 in four equal classes: breaks 2, 4, 6
    assert c.upper == (-6.0, -4.0, -2.0, 2.0, 4.0, 6.0, 8.0)
    assert c.lower == (-8.0, -6.0, -4.0, -2.0, 2.0, 4.0, 6.0)
    assert [lo + hi for lo, hi in zip(c.lower, c.upper[::-1], strict=True)] == [0.0] * 7  # mirrored
    assert c.colors == DIVERGING and c.colors[3] == "#f7f7f7"  # near white in the middle
    assert c.index == (0, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 5, -1)
    assert sum(c.counts) == 12


def test_a_change_map_with_few_distinct_sizes_keeps_zero_in_the_middle() -> None:
    c = classify_change((1.0, -1.0, 2.0), "quantiles")
    assert (c.lower, c.upper, c.index) == ((-2.0, -1.0, 1.0), (-1.0, 1.0, 2.0), (1, 1, 2))
    assert c.colors == (DIVERGING[0], DIVERGING[3], DIVERGING[-1])
    flat = classify_change((0.0, 0.0, NAN), "fisher_jenks")
    assert flat.counts == (2,) and flat.colors == (DIVERGING[3],) and flat.index == (0, 0, -1)


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an sRGB colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_the_diverging_palette_reads_without_hue_lightness_falls_towards_both_ends() -> None:
    """Readers who cannot tell the hues apart (deuteranopia, protanopia, grey print) still read size by
    lightness: it must fall strictly from the near-white middle towards each end, and the grey of no data
    must not match any class."""
    light = [_luminance(c) for c in DIVERGING]
    middle = len(DIVERGING) // 2
    assert all(a < b for a, b in pairwise(light[: middle + 1]))
    assert all(a > b for a, b in pairwise(light[middle:]))

    assert min(abs(_luminance(NO_DATA) - x) for x in light) > 0.03
