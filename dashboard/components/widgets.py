"""Form controls in the reader's language: one dropdown for every picker, so Dash's own widget texts
("Search", "Select All", "2 selected") are never left in English on a Swedish page."""

from __future__ import annotations

from dash import dcc, html

from dashboard.texts import text
from geodata.queries import Atlas

OPTIONS_ON_USE, ALL_OPTIONS = "options-on-use", "-all-options"  # read by assets/dropdown_options.js
SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "Å": "{", "Ä": "|", "Ö": "}"})
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


def labelled_dropdown(
    label: str, component_id: str, options: list, value, lang: str, options_on_use: bool = False, **props
) -> list:
    """A picker: its visible label and its dropdown, to go into a list of children.

    `options_on_use`, for a long list no callback changes: the dropdown opens with the chosen options
    alone, and `assets/dropdown_options.js` gives it the rest (kept beside it in a store) at the reader's
    first input on the page. Dash's dropdown indexes every substring of every option's label while the page
    opens (explore's municipalities and indicators: ~150 ms at a phone's speed); the first input is before
    any pick, click or key can change the choice."""
    if not options_on_use:
        return [html.Label(label, htmlFor=component_id), dropdown(component_id, options, value, lang, **props)]
    chosen = set(value) if isinstance(value, list | tuple) else {value}
    shown = [o for o in options if o["value"] in chosen]
    classes = f"{props.pop('className', '')} {OPTIONS_ON_USE}".strip()
    return [
        html.Label(label, htmlFor=component_id),
        dropdown(component_id, shown, value, lang, className=classes, **props),
        dcc.Store(id=f"{component_id}{ALL_OPTIONS}", data=options),
    ]


def radio_group(legend: str, **props) -> list:
    """A set of radio buttons under its legend (inside the caller's fieldset); props go to RadioItems."""
    return [html.Legend(legend), dcc.RadioItems(**props)]


def swedish_key(name: str) -> str:
    """Sort key putting å, ä, ö after z, as Swedish readers expect."""
    return name.casefold().translate(SWEDISH_ORDER)


def municipality_options(atlas: Atlas) -> list[dict]:
    """Name and code in the label, which the dropdown's search reads (a name or a code finds it). No
    separate `search` field: Dash's dropdown indexes every substring of every word of each field while
    the page opens, and one more field for 290 municipalities cost a third of that."""
    k = atlas.municipalities()
    rows = sorted(zip(k["name"], k["code"], strict=True), key=lambda r: swedish_key(r[0]))
    return [{"label": f"{name} ({code})", "value": code} for name, code in rows]


def indicator_options(atlas: Atlas, lang: str) -> list[dict]:
    available = set(atlas.indicator_ids())
    out = []
    for theme in atlas.catalogue.themes:
        members = [i for i in atlas.catalogue.indicators if i.theme == theme.id and i.id in available]
        if members:
            out.append({"label": f"— {theme.name[lang]} —", "value": f"theme:{theme.id}", "disabled": True})
            out += [{"label": i.name[lang], "value": i.id} for i in members]
    return out
