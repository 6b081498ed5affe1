"""The sentence above the map, built from numbers only."""

import pandas as pd

from dashboard.ranking import Extreme, extremes, place
from dashboard.sentences import join_names, map_sentence
from geodata.catalog import load_catalogue

CAT = load_catalogue()
NB = "\u00a0"


def test_the_swedish_sentence_names_the_municipal_figures_and_the_extremes() -> None:
    text = map_sentence(
        CAT.get("utlandsk_bakgrund"),
        "sv",
        2022,
        [("Göteborg", 39.12), ("Mölndal", 25.49)],
        Extreme(94.1, (("Hammarkullen", "1480C3730"),)),
        Extreme(6.1, (("Södra Skärgården", "1480A0010"),)),
        "DeSO",
    )
    assert text == (
        f"Utländsk bakgrund 2022: 39,1{NB}% i Göteborg och 25,5{NB}% i Mölndal. "
        f"Högst: Hammarkullen (1480C3730) 94,1{NB}%; lägst: Södra Skärgården (1480A0010) 6,1{NB}%."
    )


def test_without_a_municipal_figure_the_sentence_says_where_and_by_what() -> None:
    text = map_sentence(
        CAT.get("median_inkomst"),
        "en",
        2022,
        [("Göteborg", None)],
        Extreme(400.0, (("A", "1"),)),
        Extreme(200.0, (("B", "2"),)),
        "DeSO",
    )
    assert text.startswith("Median income in 2022 in Göteborg, by DeSO. Highest: A (1) 400")


def test_a_region_is_summed_up_by_its_lowest_and_highest_municipality() -> None:
    places = [(f"Kommun {i}", 10.0 + i) for i in range(7)]  # one more than a sentence names one by one
    text = map_sentence(CAT.get("utlandsk_bakgrund"), "sv", 2022, places, None, None, "DeSO")
    assert text == f"Utländsk bakgrund 2022 i 7 kommuner: från 10,0{NB}% i Kommun 0 till 16,0{NB}% i Kommun 6."
    unknown = [(name, None) for name, _ in places]
    text = map_sentence(CAT.get("median_inkomst"), "en", 2022, unknown, None, None, "DeSO")
    assert text == "Median income in 2022 in 7 municipalities, by DeSO."
    assert "Kommun 5" in map_sentence(CAT.get("utlandsk_bakgrund"), "sv", 2022, places[:6], None, None, "DeSO")


def test_names_join_with_commas_and_a_final_and() -> None:
    assert join_names(["Göteborg", "Mölndal", "Borås"], "sv") == "Göteborg, Mölndal och Borås"
    assert join_names(["Göteborg"], "en") == "Göteborg"


TIES = pd.DataFrame(
    {
        "code": ["c1", "c2", "c3", "c4", "c5"],
        "name": ["Björkås", "Ängen", "Berga", "Alby", "Dalen"],
        "value": [100.0, 100.0, 40.0, 100.0, float("nan")],
    }
)


def test_areas_sharing_the_highest_value_are_named_together_and_share_a_place() -> None:
    high, low = extremes(TIES)
    assert high.value == 100.0 and [c for _n, c in high.names] == ["c4", "c1", "c2"]  # by name: Alby, Björkås, Ängen
    assert low.names == (("Berga", "c3"),)
    assert place(TIES, "c2") == place(TIES, "c4") and place(TIES, "c2").rank == 1 and place(TIES, "c2").tied == 3
    assert place(TIES, "c3").rank == 4 and place(TIES, "c3").n == 4
    assert place(TIES, "c5") is None
    text = map_sentence(CAT.get("hyresratt"), "sv", 2025, [], high, low, "DeSO")
    assert f"Högst: 3 områden har 100,0{NB}%, bland dem Alby (c4), Björkås (c1) och Ängen (c2); lägst: Berga" in text


def test_equal_values_everywhere_have_no_highest() -> None:
    assert extremes(TIES.assign(value=5.0)) is None


def test_segregation_values_that_look_equal_get_the_digits_that_differ() -> None:
    from dashboard.views.segregation import distinct_pair

    assert distinct_pair(0.3512, 0.3488, "sv") == ("0,351", "0,349")
    assert distinct_pair(0.4281, 0.3512, "sv") == ("0,43", "0,35")
    assert distinct_pair(0.35, 0.35, "en") is None
