"""Table downloads that Excel opens as they are, named from their content, with the same numbers as the view."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.urlstate import parse

MAP = "?level=deso&municipality=1481&indicator=utlandsk_bakgrund&year=2025&lang=sv"
CHART = "?areas=1480R044,1490R019,1481R021&indicator=hyresratt&year=2023&chart=bar&lang=sv"
SEGREGATION = "?municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund&year=2022&lang=sv"


@pytest.fixture(scope="module")
def client():
    from dashboard import create_app

    return create_app().server.test_client()


def _filename(response) -> str:
    return response.headers["Content-Disposition"].split('filename="')[1].rstrip('"')


def test_swedish_excel_reads_the_semicolon_csv_and_the_workbook_with_the_views_numbers(client, atlas) -> None:
    state, _ = parse(MAP, atlas)
    view = atlas.values(state.indicator, state.level, state.year, list(state.municipalities))

    plain = client.get("/download/map.csv" + MAP)
    assert plain.status_code == 200 and plain.data.startswith("\ufeff".encode())
    assert _filename(plain) == "utlandsk-bakgrund_deso_2025_molndal.csv"

    excel = client.get("/download/map.excel.csv" + MAP)
    assert excel.status_code == 200 and excel.data.startswith("\ufeff".encode())
    assert _filename(excel) == "utlandsk-bakgrund_deso_2025_molndal.excel.csv"
    table = pd.read_csv(io.BytesIO(excel.data), sep=";", decimal=",", encoding="utf-8-sig", dtype={"kommun": str})
    pd.testing.assert_series_equal(table["value"], view["value"], check_names=False)
    assert (table["indicator_name"] == "Utländsk bakgrund").all() and (table["licence"] == "CC0 1.0 (SCB)").all()

    workbook = client.get("/download/map.xlsx" + MAP)
    assert workbook.status_code == 200 and _filename(workbook) == "utlandsk-bakgrund_deso_2025_molndal.xlsx"
    book = load_workbook(io.BytesIO(workbook.data))
    assert book.sheetnames == ["Data", "Om datan"]
    rows = list(book["Data"].values)
    data = pd.DataFrame(rows[1:], columns=rows[0])
    assert data["value"].tolist() == pytest.approx(view["value"].tolist(), nan_ok=True)
    about = dict(list(book["Om datan"].values))
    assert about["Indikator"] == "Utländsk bakgrund" and about["SCB-tabell"].startswith("TAB6571")
    assert about["Licens"] == "CC0 1.0 (SCB)" and about["Hämtad från källan"] == atlas.store.manifest["built_at"][:10]
    assert about["År"] == 2025 and "Källa: SCB" in about["Källa"]


def test_chart_and_segregation_tables_come_in_every_format(client, atlas) -> None:
    for route, query in (("/download/chart", CHART), ("/download/segregation", SEGREGATION)):
        for fmt in ("csv", "excel.csv", "xlsx"):
            response = client.get(f"{route}.{fmt}{query}")
            assert response.status_code == 200, (route, fmt)
            assert _filename(response).endswith("." + fmt)
    chart = client.get("/download/chart.excel.csv" + CHART)
    bars = pd.read_csv(io.BytesIO(chart.data), sep=";", decimal=",", encoding="utf-8-sig")
    assert bars["code"].tolist() == ["1480R044", "1490R019", "1481R021"]
    assert bars["value"].iloc[0] == pytest.approx(94.6, abs=0.05)
    seg = client.get("/download/segregation.xlsx" + SEGREGATION)
    assert _filename(seg) == "d_utlandsk-mot-svensk-bakgrund_2022_deso.xlsx"
    assert client.get("/download/chart.pdf" + CHART).status_code == 404


def _ids(component) -> dict[str, object]:
    """Every component with an id in a Dash tree, by id."""
    found = {}
    stack = [component]
    while stack:
        node = stack.pop()
        if getattr(node, "id", None):
            found[node.id] = node
        children = getattr(node, "children", None)
        stack.extend(children if isinstance(children, list) else [children] if children is not None else [])
    return found


def test_the_press_panel_offers_excel_files_and_a_line_to_cite() -> None:
    from dashboard.components.press_panel import press_panel
    from dashboard.urlstate import ViewState
    from dashboard.views.explore import VIEW

    links = VIEW.links(ViewState(municipalities=("1481",), year=2025))
    sv = _ids(press_panel(links, "<iframe>", "alt", "sv", "map-press", "Utländsk bakgrund 2025"))
    assert sv["map-press-xlsx"].href.startswith("/download/map.xlsx?")
    assert sv["map-press-excel"].href.startswith("/download/map.excel.csv?") and sv["map-press-excel"].children == (
        "CSV för Excel"
    )
    cite = sv["map-press-cite"].children
    assert cite.startswith("Utländsk bakgrund 2025. Källa: SCB; bearbetning: Segregationsatlas. Hämtad ")
    assert cite.endswith(links["view"])
    en = _ids(press_panel(links, "<iframe>", "alt", "en", "map-press", "Foreign background 2025"))
    assert "map-press-excel" not in en and "map-press-xlsx" in en  # the semicolon dialect is for Swedish Excel
