"""Form controls in the reader's language: one dropdown for every picker, so Dash's own widget texts
("Search", "Select All", "2 selected") are never left in English on a Swedish page."""

from __future__ import annotations

from dash import dcc

from dashboard.texts import text

# Dash's `labels` keys → our text keys
DROPDOWN_LABELS = {
    "select_all": "dd_select_all",
    "deselect_all": "dd_deselect_all",
    "selected_count": "dd_selected_count",
    "search": "dd_search",
    "clear_search": "dd_clear_search",
    "clear_selection": "dd_clear_selection",
    "no_options_found": "dd_no_options",
}


def dropdown_labels(lang: str) -> dict[str, str]:
    return {key: text(text_key, lang) for key, text_key in DROPDOWN_LABELS.items()}


def dropdown(component_id: str, options: list, value, lang: str, **props) -> dcc.Dropdown:
    """`dcc.Dropdown` with its texts in `lang`; any other Dropdown prop passes through."""
    return dcc.Dropdown(id=component_id, options=options, value=value, labels=dropdown_labels(lang), **props)
