"""Compare charts on the real store: ticks only where there is data, and labels that tell areas apart."""

from __future__ import annotations

from dashboard.charts import area_label, bar_table, line_figure, line_table


def test_the_line_chart_has_a_tick_only_at_years_with_data(atlas) -> None:
    areas = ("1480C3730",)  # DeSO rental shares: 2022 on the 2018 edition, 2024–2025 on 2025's; no 2023
    fig = line_figure(atlas, areas, "hyresratt", "sv")
    table = line_table(atlas, areas, "hyresratt")
    with_data = sorted(int(y) for y in table.dropna(subset=["value"])["year"])
    assert 2023 in set(table["year"]) and 2023 not in with_data  # the gap is in the table, as a gap
    assert list(fig.layout.xaxis.tickvals) == with_data


def test_a_mixed_regso_and_deso_comparison_names_each_level(atlas) -> None:
    areas = ("1480R044", "1480C3730")
    labels = [area_label(atlas, c, areas) for c in areas]
    assert labels[0] != labels[1]
    assert "RegSO 1480R044" in labels[0] and "DeSO 1480C3730" in labels[1]
    assert list(bar_table(atlas, areas, "hyresratt", 2023)["area"]) == labels
    assert area_label(atlas, "1480R044", ("1480R044", "1490R019")).endswith("(1480R044)")  # one level: code only
