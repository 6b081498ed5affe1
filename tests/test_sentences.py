"""The sentence above the map, built from numbers only."""

from dashboard.sentences import Extreme, join_names, map_sentence
from geodata.catalog import load_catalogue

CAT = load_catalogue()
NB = "\u00a0"


def test_the_swedish_sentence_names_the_municipal_figures_and_the_extremes() -> None:
    text = map_sentence(
        CAT.get("utlandsk_bakgrund"),
        "sv",
        2022,
        [("Göteborg", 39.12), ("Mölndal", 25.49)],
        Extreme("Hammarkullen", "1480C3730", 94.1),
        Extreme("Södra Skärgården", "1480A0010", 6.1),
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
        Extreme("A", "1", 400.0),
        Extreme("B", "2", 200.0),
        "DeSO",
    )
    assert text.startswith("Median income in 2022 in Göteborg, by DeSO. Highest: A (1) 400")


def test_names_join_with_commas_and_a_final_and() -> None:
    assert join_names(["Göteborg", "Mölndal", "Borås"], "sv") == "Göteborg, Mölndal och Borås"
    assert join_names(["Göteborg"], "en") == "Göteborg"
