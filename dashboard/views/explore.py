"""The explore view: pick municipalities, level, indicator and year; see the map; click an area.

The page opens on its address's state drawn by the layout itself (no callback runs when it opens). From
then on state flows one way: controls and map clicks write the URL (`sync`), the URL writes the state
store, and the state store draws everything else (`render`, `panel`). A restyle sends only classes, colours
and formatted values (`map-style`), which `atlas.map.restyle` (assets/map.js) applies to the drawn
areas in place; geometry is loaded from a cached URL only when the level, the drawn edition or the
municipalities change.
"""

from __future__ import annotations

from dataclasses import asdict, replace

import dash_leaflet as dl
import pandas as pd
from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard.by_version import by_store_version
from dashboard.classify import NO_DATA, classify, classify_change
from dashboard.components.area_panel import area_panel
from dashboard.components.area_table import area_table
from dashboard.components.change_map import change_map
from dashboard.components.chrome import address, correct_address, notice_box, page, switch_href, unpin_chips
from dashboard.components.legend import LISA_COLORS, LISA_ORDER, class_labels, legend, lisa_legend
from dashboard.components.press_panel import view_press
from dashboard.components.widgets import indicator_options, labelled_dropdown, municipality_options, radio_group
from dashboard.formatting import format_value
from dashboard.geo_routes import editions_url
from dashboard.models import Hideout, LegendRow, MapModel
from dashboard.pageurl import page_search
from dashboard.press.alt_text import map_alt
from dashboard.press.downloads import source_line
from dashboard.press.pictures import MAP_DOWNLOADS, draw_map, map_download, map_filename
from dashboard.ranking import extremes
from dashboard.regions import REGIONS, region_label, region_municipalities
from dashboard.sentences import NAMED_PLACES, map_sentence
from dashboard.texts import CLASS_METHOD_KEYS, LISA_KEYS, text
from dashboard.urlstate import (
    CLASS_METHODS,
    LEVEL_CHOICES,
    MAP_KEY,
    MAX_AREAS,
    CompareState,
    Notice,
    ViewState,
    change_years,
    compare_to_search,
    compare_years,
    control_codes,
    control_text,
    control_year,
    map_view,
    parse,
    to_search,
    with_changes,
)
from dashboard.viewtypes import Press, StateType, View
from geodata.areacodes import kommun_of, small_area_level
from geodata.levels import EDITIONS, LEVEL_NAMES, SMALL_AREA_LEVELS, edition_of_year, vintage_label
from geodata.queries import Atlas, MapLayer, current_atlas

PATH = "/"
OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
STYLE = {"variable": "atlas.map.style"}
BIND = {"variable": "atlas.map.bind"}
OUTLINE = {"variable": "atlas.map.outline"}


def valid_pins(pins: object) -> list[dict]:
    """The pinned areas from the browser's local storage: those with a DeSO/RegSO code of their level."""
    if not isinstance(pins, list):
        return []
    return [
        p
        for p in pins[:MAX_AREAS]
        if isinstance(p, dict) and isinstance(p.get("code"), str) and small_area_level(p["code"]) == p.get("level")
    ]


# ---------------------------------------------------------------- options


def level_options(atlas: Atlas, indicator: str, lang: str) -> list[dict]:
    have = atlas.levels(indicator)
    return [{"label": LEVEL_NAMES[lang][lv], "value": lv, "disabled": lv not in have} for lv in LEVEL_CHOICES]


def year_options(atlas: Atlas, indicator: str, level: str) -> list[dict]:
    return [{"label": str(y), "value": y} for y in atlas.years(indicator, level)]


def change_options(atlas: Atlas, state: ViewState) -> list[dict]:
    """Earlier years a change map can start from (none for a category)."""
    years = change_years(atlas, state.indicator, state.level, state.year)
    return [{"label": f"{y}–{state.year}", "value": y} for y in years]


# ---------------------------------------------------------------- layout


def layout() -> html.Div:
    atlas = current_atlas()
    state, notices = parse(page_search(), atlas)
    model = map_model(atlas, state)  # kept per store version: the page's preview has just made it
    first = drawn(atlas, state, model)  # the page comes whole: no callback runs when it opens
    opened = panels(atlas, state, [])  # pins kept in the browser come from its storage, through `panel`
    lang = state.lang
    t = lambda key: text(key, lang)  # noqa: E731
    controls = html.Section(
        [
            *labelled_dropdown(
                t("municipality"),
                "municipality",
                municipality_options(atlas),
                list(state.municipalities),
                lang,
                multi=True,
                searchable=True,
                clearable=False,
                options_on_use=True,
            ),
            html.Div(
                [
                    html.Span(t("regions"), id="regions-label"),
                    *[
                        html.Button(region_label(atlas, key, lang), id={"type": "region", "key": key}, type="button")
                        for key in REGIONS
                    ],
                ],
                role="group",
                className="regions",
                **{"aria-labelledby": "regions-label"},
            ),
            *labelled_dropdown(
                t("indicator"),
                "indicator",
                indicator_options(atlas, lang),
                state.indicator,
                lang,
                clearable=False,
                searchable=True,
                options_on_use=True,
            ),
            html.Fieldset(
                [
                    *radio_group(
                        t("level"),
                        id="level",
                        options=level_options(atlas, state.indicator, lang),
                        value=state.level,
                        inline=True,
                    ),
                ]
            ),
            html.Fieldset(
                [
                    *radio_group(
                        t("year"),
                        id="year",
                        options=year_options(atlas, state.indicator, state.level),
                        value=state.year,
                        inline=True,
                    ),
                ]
            ),
            *labelled_dropdown(
                t("change_from"),
                "change-from",
                change_options(atlas, state),
                state.year_from,
                lang,
                placeholder=t("change_none"),
                clearable=True,
                searchable=False,
            ),
            dcc.Checklist(
                id="layer",
                options=[{"label": t("lisa_toggle"), "value": "lisa"}],
                value=["lisa"] if state.layer == "lisa" else [],
                className="layer-toggle",
            ),
            *labelled_dropdown(
                t("classes"),
                "classes",
                [{"label": t(CLASS_METHOD_KEYS[m]), "value": m} for m in CLASS_METHODS],
                state.classes,
                lang,
                clearable=False,
                searchable=False,
                options_on_use=True,
            ),
        ],
        className="controls",
        **{"aria-label": t("controls_label")},
    )
    if state.view:  # a shared address keeps the view its reader had
        zoom, lat, lng = map_view(state.view)
        view = {"center": [lat, lng], "zoom": zoom}
    else:  # else the map opens fitted to its areas
        view = {"bounds": model.bounds} if model.bounds else {"center": [57.7, 11.97], "zoom": 10}
    the_map = dl.Map(
        id="map",
        preferCanvas=True,
        trackViewport=False,  # the view goes to the URL through assets/map_view.js, not through Dash
        **view,
        zoomSnap=0.25,  # fit a municipality snugly; whole zoom steps can leave half the map empty
        className="map",
        children=[
            dl.LayersControl(
                [dl.Overlay(dl.TileLayer(url=OSM, attribution=OSM_ATTRIBUTION), name=t("basemap"), checked=False)],
                position="topright",
            ),
            dl.GeoJSON(id="areas", style=STYLE, onEachFeature=BIND),
            dl.GeoJSON(id="outlines", style=OUTLINE, interactive=False),
        ],
    )
    return page(
        PATH,
        lang,
        t("title"),
        switch_href(PATH, to_search, state),
        "lang-link",
        before=[
            *address("url", PATH, to_search(state)),
            dcc.Store(id="state", data=asdict(state)),
            dcc.Store(id="view-key", data=map_key(state)),
            dcc.Store(id="map-view", data=state.view),  # the view the reader panned to (assets/map_view.js)
            # the areas' and outlines' GeoJSON addresses (fetched by map.js)
            dcc.Store(id="map-geometry", data=first["geometry"]),
            # the colours: atlas.map.restyle recolours the drawn areas in place
            dcc.Store(id="map-style", data=first["style"]),
            dcc.Store(id="map-styled"),
            dcc.Store(id="area-table-data"),
            dcc.Store(id="area-table-drawn"),
            dcc.Store(id="pins", storage_type="local", data=[]),
        ],
        body=[
            html.P(t("tagline"), className="muted tagline"),
            html.Div(notice_box(notices, lang), id="notice"),
            html.P(first["sentence"], id="sentence", className="sentence", **{"aria-live": "polite"}),
            html.Div(
                [
                    html.Details(  # on a phone the choices fold away under their summary (assets/panel_focus.js)
                        [html.Summary(t("controls_label"), className="controls-summary"), controls],
                        open=True,
                        className="controls-box",
                        id="controls-box",
                    ),
                    html.Div(
                        [
                            the_map,
                            html.P(t("map_keys"), className="muted map-keys", id="map-keys"),
                            html.P(id="map-announce", className="visually-hidden", **{"aria-live": "polite"}),
                            html.Div(first["note"], id="geometry-note"),
                            html.Div(first["legend"], id="legend", className="legend"),
                            html.Details(
                                [html.Summary(t("show_table"), id="area-table-summary"), html.Div(id="area-table-box")],
                                id="area-table-details",
                            ),
                            html.Div(first["press"], id="press-slot"),
                        ],
                        className="mapcol",
                        **{  # texts for assets/a11y.js and assets/map_keys.js
                            "data-zoom-in": t("zoom_in"),
                            "data-zoom-out": t("zoom_out"),
                            "data-no-neighbour": t("no_neighbour"),
                            "data-view-key": MAP_KEY,  # assets/map_view.js keeps the map's view in the URL
                        },
                    ),
                    html.Section(
                        [
                            html.Div(opened["panel"], id="panel"),
                            html.Div(opened["pinned"], id="pinned"),
                        ],
                        className="panel",
                        **{"aria-label": t("panel_label")},
                    ),
                ],
                className="explore",
            ),
        ],
        footer=[html.Span(t("credit")), html.Span(f" {t('store')}: {atlas.version}", className="muted")],
    )


# ---------------------------------------------------------------- callbacks


@by_store_version(128)  # the page's preview, the restyle, the embed, oEmbed and downloads ask for the same state
def map_model(atlas: Atlas, state: ViewState, _variant: str = "") -> MapModel:
    """Everything the map shows for a state, as data; pure apart from reading the store (so kept per store
    version, ~0.25 MB a model; nothing that reads it changes it)."""
    lang, ind = state.lang, atlas.catalogue.get(state.indicator)
    munis = list(state.municipalities)
    layer = atlas.map_layer(state.indicator, state.level, state.year, munis, web=True)
    change = change_map(atlas, state, layer) if state.year_from is not None else None
    if change:  # the same shapes, coloured by the change since `year_from`
        layer = change.layer
    value_edition, geometry_edition = layer.value_edition, layer.geometry_edition
    shapes = layer.frame.sort_values("code", kind="stable")  # every shape; those without a value are NaN
    # each value once, under its own area's code (the parts of an exactly split area share their whole's):
    # classes, legend counts and the highest and lowest are of areas, not shapes
    value_of = shapes["source_code"].fillna(shapes["code"])
    by_value = shapes.assign(code=value_of).drop_duplicates("code")
    classes = (
        classify_change(tuple(by_value["value"]), state.classes)
        if change
        else classify(tuple(by_value["value"]), state.classes, categorical=ind.unit == "category")
    )
    of_area = {code: int(i) for code, i in zip(by_value["code"], classes.index, strict=True) if i >= 0}
    cls = {shape: of_area[area] for shape, area in zip(shapes["code"], value_of, strict=True) if area in of_area}
    colors = tuple(classes.colors)
    txt = (
        change.texts(lang)
        if change
        else {
            c: (format_value(v, ind.unit, lang) if ind.unit != "category" else f"{v:.0f} {ind.category_label(v, lang)}")
            for c, v in zip(shapes["code"], shapes["value"], strict=True)
            if v == v
        }
    )
    places = [atlas.name(m, "kommun") for m in munis]
    borrowed = [atlas.name(m, "kommun") for m in layer.borrowed]
    other_edition = next((e for e in layer.editions if e != value_edition), None)
    note = (
        text(
            "other_vintage_in",
            lang,
            year=state.year,
            places=", ".join(borrowed),
            value_vintage=vintage_label(state.level, value_edition),
            geometry_vintage=vintage_label(state.level, other_edition),
        )
        if layer.other_vintage and other_edition
        else ""
    )
    # a part of an area SCB split exactly shows the whole area's value: say whose
    joins = zip(shapes["code"], shapes["source_code"], shapes["join"], strict=True)
    if parents := {c: source for c, source, join in joins if join == "parent"}:
        part = text("split_part_value", lang)
        txt = {c: f"{v} · {part} {parents[c]}" if c in parents else v for c, v in txt.items()}
    level_name = LEVEL_NAMES[lang][state.level]
    kind, lisa_counts, lisa_missing = ("change" if change else "values"), {}, None
    if state.layer == "lisa" and not shapes.empty:  # recolour by hot and cold spots where they were computed
        clusters = atlas.lisa(state.indicator, state.level, state.year, munis)
        if clusters.empty:
            lisa_missing = ", ".join(
                atlas.catalogue.get(i).name[lang] for i in atlas.catalogue.ids() if atlas.catalogue.get(i).lisa
            )
        else:
            kind, index = "lisa", {key: i for i, key in enumerate(LISA_ORDER)}
            # the clusters are of the values' areas; a shape of the other edition shows its value's cluster
            of_value = dict(zip(clusters["code"], clusters["cluster"], strict=True))
            sources = zip(shapes["code"], shapes["source_code"], strict=True)
            pairs = [(c, of_value[s]) for c, s in sources if s in of_value]
            cls, colors = {c: index[k] for c, k in pairs}, tuple(LISA_COLORS)
            txt = {c: f"{txt.get(c, '')} · {text(LISA_KEYS[k], lang)}" for c, k in pairs}
            lisa_counts = clusters["cluster"].value_counts().to_dict()
    title = f"{ind.name[lang]} {state.year}"
    source = source_line(atlas, state.indicator, state.year, lang)
    alt = map_alt(ind, lang, state.year, level_name, places, by_value)
    if kind == "lisa":
        legend_rows = [
            LegendRow(color, text(LISA_KEYS[k], lang), int(lisa_counts.get(k, 0)))
            for color, k in zip(LISA_COLORS, LISA_ORDER, strict=True)
        ]
        title = text("lisa_title", lang, name=ind.name[lang], year=state.year)
        alt = f"{title}. {alt}"
    elif change:
        legend_rows = [LegendRow(*row) for row in change.legend_items(classes, lang)]
        title, alt = change.title(lang), change.alt(lang, level_name, places)
        source = source_line(atlas, state.indicator, f"{change.first}–{change.last}", lang)
    else:
        legend_rows = [
            LegendRow(*row)
            for row in zip(classes.colors, class_labels(classes, ind, lang), classes.counts, strict=True)
        ]
        legend_rows.append(LegendRow(NO_DATA, text("no_data", lang), layer.shapes_without_value))

    def named(names: list[str]) -> str:  # a picture's subtitle is one line: a region by its count
        return ", ".join(names) if len(names) <= NAMED_PLACES else text("n_municipalities", lang, n=len(names))

    subtitle = " · ".join(dict.fromkeys([level_name, named(places), vintage_label(state.level, value_edition, lang)]))
    if layer.other_vintage and len(borrowed) == len(places):
        subtitle += text("on_other_boundaries", lang, vintage=vintage_label(state.level, geometry_edition))
    elif layer.other_vintage:
        other_vintage = vintage_label(state.level, other_edition)
        subtitle += text("on_other_boundaries_in", lang, places=named(borrowed), vintage=other_vintage)
    legend_title = f"{change.title(lang) if change else f'{ind.name[lang]} {state.year}'} · "
    legend_title += vintage_label(state.level, value_edition, lang)
    highest, lowest = extremes(by_value) or (None, None)
    values = (
        []
        if state.level == "kommun"
        else [(p, atlas.value(state.indicator, "kommun", state.year, m)) for p, m in zip(places, munis, strict=True)]
    )
    sentence = (
        change.sentence(lang) if change else map_sentence(ind, lang, state.year, values, highest, lowest, level_name)
    )
    # Fit the drawn areas; with none drawn, the municipalities' outlines, so the map still shows where.
    outline_groups = outline_editions(layer, munis)
    extent = shapes
    if shapes.empty:
        extent = pd.concat([atlas.outlines(state.level, e, list(m)) for e, m in outline_groups.items()])
    bounds = None
    if not extent.empty:
        minx, miny, maxx, maxy = extent.total_bounds
        bounds = [[float(miny), float(minx)], [float(maxy), float(maxx)]]
    offers: tuple[str, ...] = ()
    if shapes.empty:
        offers = tuple(
            lv
            for lv in LEVEL_CHOICES
            if lv != state.level
            and lv in atlas.levels(state.indicator)
            and (ge := atlas.geometry_edition(lv, state.year, munis))
            and len(atlas.web_shapes(lv, ge, munis))
        )
    return MapModel(
        kind=kind,
        hideout=Hideout(
            cls, colors, NO_DATA, txt, state.area, selected_shapes(shapes, state.area), text("no_data", lang), note
        ),
        legend=tuple(legend_rows),
        title=title,
        subtitle=subtitle,
        source=source,
        alt=alt,
        shapes=shapes,
        geometry_url=None if shapes.empty else editions_url(atlas.version, state.level, layer.editions),
        outlines_url=editions_url(atlas.version, f"outline-{state.level}", outline_groups),
        bounds=bounds,
        sentence=sentence,
        layer=layer,
        classes=classes,
        change=change,
        lisa_counts=lisa_counts,
        lisa_missing=lisa_missing,
        legend_title=legend_title,
        vintage=missing_vintage(layer, state.level, lang),
        other_vintage_note=note,
        offers=offers,
    )


def missing_vintage(layer: MapLayer, level: str, lang: str) -> str:
    """The boundary edition(s) that lack a shape for the values not drawn: those drawn for their
    municipalities (the whole region of 2022: DeSO 2025, Göteborgsregionen's)."""
    kommuner = {kommun_of(code) for code in layer.values_without_shape}
    editions = [e for e, munis in layer.editions.items() if kommuner & set(munis)]
    editions = editions or [layer.geometry_edition or layer.value_edition]
    return " / ".join(vintage_label(level, e, lang) for e in editions)


def outline_editions(layer: MapLayer, municipalities: list[str]) -> dict[str, tuple[str, ...]]:
    """The editions whose outlines frame a map, with their municipalities: those of its areas, and those
    without areas on the drawn edition (outlined by their municipal border)."""
    drawn = {m for munis in layer.editions.values() for m in munis}
    rest = tuple(m for m in municipalities if m not in drawn)
    groups = dict(layer.editions)
    if rest:
        main = layer.geometry_edition or EDITIONS[-1]
        groups[main] = (*groups.get(main, ()), *rest)
    return groups


def legend_box(model: MapModel, state: ViewState, atlas: Atlas) -> list | html.Div:
    """The page's legend of a map model."""
    lang, layer = state.lang, model.layer
    if model.shapes.empty:
        return []
    if model.kind == "lisa":
        return lisa_legend(model.lisa_counts, lang, model.title)
    if model.change:
        return model.change.legend(model.classes, state.classes, lang, len(layer.values_without_shape), model.vintage)
    ind = atlas.catalogue.get(state.indicator)
    without_shape = len(layer.values_without_shape)
    return legend(
        model.classes, ind, lang, model.legend_title, layer.shapes_without_value, without_shape, model.vintage
    )


def geometry_note(model: MapModel, state: ViewState, atlas: Atlas) -> list:
    """What the map cannot show: no shapes here (and the levels that have some), values drawn on another
    edition's boundaries, or no hot and cold spots for this indicator."""
    lang = state.lang
    notes: list = []
    if model.shapes.empty:
        where = ", ".join(atlas.name(m, "kommun") for m in state.municipalities)
        links = [
            html.A(LEVEL_NAMES[lang][lv], href=to_search(with_changes(state, atlas, level=lv)), className="offer")
            for lv in model.offers
        ]
        notes.append(
            html.Div(
                [
                    html.P(text("no_geometry", lang, level=LEVEL_NAMES[lang][state.level], where=where)),
                    html.P([text("try_levels", lang), " ", *links]),
                ],
                className="notice",
                role="status",
                id="no-geometry",
            )
        )
    elif model.other_vintage_note:
        notes.append(html.P(model.other_vintage_note, className="legend-note warn", id="vintage-note"))
    if model.lisa_missing is not None:
        notes.append(
            html.P(text("lisa_none", lang, names=model.lisa_missing), className="notice", role="status", id="lisa-none")
        )
    return notes


def map_key(state: ViewState) -> list[str]:
    """What the map is fitted to: it refits only when this changes, never on a restyle."""
    return sorted(state.municipalities)


def drawn(atlas: Atlas, state: ViewState, model: MapModel) -> dict:
    """What the page shows of `model`: the page's first values and what `render` writes on every change."""
    return {
        "geometry": {"areas": model.geometry_url, "outlines": model.outlines_url},
        "style": model.hideout.to_json(),
        "legend": legend_box(model, state, atlas),
        "sentence": model.sentence,
        "note": geometry_note(model, state, atlas),
        "press": [view_press(VIEW, state, model, "map-press")] if model.geometry_url else [],
    }


def panels(atlas: Atlas, state: ViewState, pins: list[dict]) -> dict:
    """The open area's panel (or the hint) and the pinned areas' list."""
    lang = state.lang
    pinned_list = []
    if pins:
        chips = unpin_chips(
            [(f"{atlas.name(p['code'], p['level'])} {p['code']}", p["code"]) for p in pins], "unpin", lang
        )
        codes = tuple(p["code"] for p in pins)
        years = compare_years(atlas, state.indicator, codes)
        target = CompareState(codes, state.indicator, state.year if state.year in years else years[-1], lang)
        pinned_list = [
            html.H3(text("pinned", lang)),
            html.Ul(chips, className="chips", id="pinned-list"),
            html.A(
                text("go_compare" if len(codes) > 1 else "go_compare_one", lang, n=len(codes)),
                href="/compare" + compare_to_search(target),
                id="go-compare",
                className="pin",
            ),
        ]
    if not state.area:
        return {"panel": html.P(text("panel_hint", lang), className="muted"), "pinned": pinned_list}
    is_pinned = any(p["code"] == state.area for p in pins)
    body = area_panel(
        atlas,
        state.area,
        state.level,
        state.indicator,
        state.year,
        lang,
        atlas.geometry_edition(state.level, state.year, [kommun_of(state.area)]),
        is_pinned,
        pins_full=len(pins) >= MAX_AREAS,
    )
    return {"panel": body, "pinned": pinned_list}


def selected_shapes(shapes: pd.DataFrame, area: str | None) -> tuple[str, ...]:
    """The shapes drawn with the selected area's value (`Atlas.shape_links`): its own, or on the other
    edition's boundaries the same area's under another code or the parts of its exact split; none where
    it is not drawn (a shape there that only shares its code shows no value and is not marked)."""
    if not area:
        return ()
    return tuple(sorted(shapes.loc[shapes["source_code"] == area, "code"]))


def value_area(atlas: Atlas, code: str, state: ViewState) -> str:
    """The area whose value a clicked shape shows: a shape of the other edition shows the same area's value,
    or a part of an exactly split area its whole's (`Atlas.shape_links`)."""
    if state.level not in SMALL_AREA_LEVELS or atlas.has_area(code, state.level, state.year):
        return code
    links = atlas.shape_links(state.level, edition_of_year(state.year), [code])
    return links["source_code"].iloc[0] if len(links) else code


def controls_to_state(before: ViewState, trigger: object, controls: dict, atlas: Atlas) -> ViewState:
    """The one rule turning the explore controls (or a click on the map) into the next state."""
    if trigger == "areas":
        click = controls["click"]
        props = click.get("properties") if isinstance(click, dict) else None
        code = control_text(props.get("code")) if isinstance(props, dict) else None
        code = code and value_area(atlas, code, before)
        state = replace(before, area=code if code != before.area else None) if code else before
        return parse(to_search(replace(state, view=control_text(controls["view"]))), atlas)[0]
    lisa = "lisa" in control_codes(controls["layer"])
    year_from = control_year(controls["year_from"])
    if trigger == "layer" and lisa:  # one picture at a time: hot spots replace the change map
        year_from = None
    elif trigger == "change-from" and year_from is not None:
        lisa = False
    indicator, level = control_text(controls["indicator"]), control_text(controls["level"])
    state = with_changes(
        before,
        atlas,
        level=level,
        municipalities=control_codes(controls["municipalities"]) or before.municipalities,
        indicator=indicator,
        year=control_year(controls["year"]) or before.year,
        classes=control_text(controls["classes"]),
        layer="lisa" if lisa else "values",
        year_from=year_from,
        view=control_text(controls["view"]),
    )
    if state.municipalities != before.municipalities:  # other areas: fit them, not the old view
        state = replace(state, view=None)
    if (indicator != before.indicator or level != before.level) and before.year in atlas.years(
        state.indicator, state.level
    ):
        state = replace(state, year=before.year)
    return state


def register_explore_callbacks(app: Dash) -> None:
    @app.callback(
        output={
            "search": Output("url", "search"),
            "state": Output("state", "data"),
            "notice": Output("notice", "children"),
            "level": Output("level", "value"),
            "level_options": Output("level", "options"),
            "municipalities": Output("municipality", "value"),
            "indicator": Output("indicator", "value"),
            "year": Output("year", "value"),
            "year_options": Output("year", "options"),
            "classes": Output("classes", "value"),
            "lang_href": Output("lang-link", "href"),
            "layer": Output("layer", "value"),
            "year_from": Output("change-from", "value"),
            "year_from_options": Output("change-from", "options"),
        },
        inputs={
            "search": Input("url", "search"),
            "controls": {
                "level": Input("level", "value"),
                "municipalities": Input("municipality", "value"),
                "indicator": Input("indicator", "value"),
                "year": Input("year", "value"),
                "classes": Input("classes", "value"),
                "click": Input("areas", "clickData"),
                "layer": Input("layer", "value"),
                "year_from": Input("change-from", "value"),
                "view": State("map-view", "data"),
            },
            "current": State("state", "data"),
        },
        prevent_initial_call=True,  # the layout is the URL's state already
    )
    def sync(search, controls, current):
        """URL → state, or controls/click → state → URL (a history entry, so Back works)."""
        atlas = current_atlas()
        notices: list[Notice] = []
        trigger = ctx.triggered_id
        if trigger in (None, "url"):
            state, notices = parse(control_text(search), atlas)
        else:
            state = controls_to_state(STATE.from_dict(current, atlas), trigger, controls, atlas)
        new_search = to_search(state)
        return {
            "search": new_search if new_search != search else no_update,
            "state": asdict(state),
            "notice": notice_box(notices, state.lang),
            "level": state.level,
            "level_options": level_options(atlas, state.indicator, state.lang),
            "municipalities": list(state.municipalities),
            "indicator": state.indicator,
            "year": state.year,
            "year_options": year_options(atlas, state.indicator, state.level),
            "classes": state.classes,
            "lang_href": switch_href(PATH, to_search, state),
            "layer": ["lisa"] if state.layer == "lisa" else [],
            "year_from": state.year_from,
            "year_from_options": change_options(atlas, state),
        }

    @app.callback(
        Output("municipality", "value", allow_duplicate=True),
        Input({"type": "region", "key": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    def pick_region(_clicks):
        """A region's button picks its municipalities (`dashboard.regions`); the URL follows as for any pick."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered[0]["value"]:
            return no_update
        return list(region_municipalities(current_atlas(), str(trigger.get("key")))) or no_update

    @app.callback(
        output={
            "geometry": Output("map-geometry", "data"),
            "style": Output("map-style", "data"),
            "viewport": Output("map", "viewport"),
            "view_key": Output("view-key", "data"),
            "legend": Output("legend", "children"),
            "sentence": Output("sentence", "children"),
            "note": Output("geometry-note", "children"),
            "press": Output("press-slot", "children"),
        },
        inputs={"data": Input("state", "data"), "view_key": State("view-key", "data")},
        prevent_initial_call=True,  # the layout draws the first state
    )
    def render(data, view_key):
        atlas = current_atlas()
        state = STATE.from_dict(data, atlas)
        model = map_model(atlas, state)
        key = map_key(state)
        fit = key != view_key and model.bounds  # `bounds` only applies when the map is created
        viewport = {"bounds": model.bounds, "transition": "fitBounds"} if fit else no_update
        return {**drawn(atlas, state, model), "viewport": viewport, "view_key": key}

    correct_address(app, "url")
    app.clientside_callback(
        ClientsideFunction("atlas", "restyle"), Output("map-styled", "data"), Input("map-style", "data")
    )
    for layer in ("areas", "outlines"):  # geometry fetched by map.js: see `geometry` there for why not `url`
        app.clientside_callback(
            ClientsideFunction("atlas", layer), Output(layer, "data"), Input("map-geometry", "data")
        )

    @app.callback(
        Output("area-table-data", "data"),
        Input("state", "data"),
        Input("area-table-summary", "n_clicks"),
        prevent_initial_call=True,
    )
    def table(data, opened):
        if not opened:  # built from the first opening on (Dash does not report a details' toggle)
            return no_update
        return area_table(current_atlas(), STATE.from_dict(data, current_atlas()))

    app.clientside_callback(
        ClientsideFunction("atlas", "table"), Output("area-table-drawn", "data"), Input("area-table-data", "data")
    )

    @app.callback(
        output={"panel": Output("panel", "children"), "pinned": Output("pinned", "children")},
        inputs={"data": Input("state", "data"), "pins": Input("pins", "data")},
        prevent_initial_call=True,  # the layout has the URL's panel; stored pins arrive as a change
    )
    def panel(data, pins):
        atlas = current_atlas()
        return panels(atlas, STATE.from_dict(data, atlas), valid_pins(pins))

    @app.callback(
        Output("pins", "data"),
        Input("pin", "n_clicks"),
        State("state", "data"),
        State("pins", "data"),
        prevent_initial_call=True,
    )
    def pin(n_clicks, data, pins):
        """The panel's Jämför button pins or unpins its area (it exists only while a panel is open)."""
        pins = valid_pins(pins)
        state = STATE.from_dict(data, current_atlas())
        if not state.area or not n_clicks:
            return no_update
        if any(p["code"] == state.area for p in pins):
            return [p for p in pins if p["code"] != state.area]
        if len(pins) >= MAX_AREAS:  # the button is disabled then; never drop a pin silently
            return no_update
        return [*pins, {"code": state.area, "level": state.level}]

    @app.callback(
        Output("pins", "data", allow_duplicate=True),
        Input({"type": "unpin", "code": ALL}, "n_clicks"),
        State("pins", "data"),
        prevent_initial_call=True,
    )
    def unpin(_clicks, pins):
        """A chip's × unpins its area, whether or not an area panel is open."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered[0]["value"]:  # a chip drawn, not clicked
            return no_update
        return [p for p in valid_pins(pins) if p["code"] != trigger["code"]]


STATE = StateType(ViewState, parse, to_search)
VIEW = View(
    path=PATH,
    maps=True,
    title_key="explore",
    state=STATE,
    layout=layout,
    callbacks=register_explore_callbacks,
    press=Press(
        name="map",
        model=map_model,
        draw=draw_map,
        download=map_download,
        filename=map_filename,
        downloads=MAP_DOWNLOADS,
    ),
)
