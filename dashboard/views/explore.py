"""The explore view: pick municipalities, level, indicator and year; see the map; click an area.

State flows one way: controls and map clicks write the URL (`sync`), the URL writes the state store,
and the state store draws everything else (`render`, `panel`). A restyle sends only classes, colours
and formatted values (`map-style`), which `atlas.map.restyle` (assets/map.js) applies to the drawn
areas in place; geometry is loaded from a cached URL only when the level, the drawn edition or the
municipalities change.
"""

from __future__ import annotations

from dataclasses import asdict, replace

import dash_leaflet as dl
from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update
from flask import has_request_context, request

from dashboard.classify import NO_DATA, classify, classify_change
from dashboard.components.area_panel import area_panel
from dashboard.components.area_table import area_table
from dashboard.components.change_map import change_map
from dashboard.components.chrome import page
from dashboard.components.legend import LISA_COLORS, LISA_ORDER, legend, lisa_legend
from dashboard.components.press_panel import press_panel
from dashboard.components.widgets import dropdown
from dashboard.formatting import format_value
from dashboard.geo_routes import geometry_url
from dashboard.pageurl import page_search
from dashboard.press.alt_text import map_alt
from dashboard.press.links import embed_snippet, map_links
from dashboard.ranking import extremes
from dashboard.sentences import map_sentence
from dashboard.texts import text
from dashboard.urlstate import (
    CLASS_METHODS,
    LEVEL_CHOICES,
    MAP_KEY,
    MAX_AREAS,
    CompareState,
    Notice,
    ViewState,
    area_level,
    change_years,
    compare_to_search,
    compare_years,
    control_codes,
    control_text,
    control_year,
    from_store,
    map_view,
    parse,
    to_search,
    with_changes,
)
from geodata.levels import LEVEL_NAMES, vintage_label
from geodata.queries import Atlas, current_atlas

OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
STYLE = {"variable": "atlas.map.style"}
BIND = {"variable": "atlas.map.bind"}
OUTLINE = {"variable": "atlas.map.outline"}
SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "Å": "{", "Ä": "|", "Ö": "}"})


def swedish_key(name: str) -> str:
    """Sort key putting å, ä, ö after z, as Swedish readers expect."""
    return name.casefold().translate(SWEDISH_ORDER)


def state_from_store(data: dict) -> ViewState:
    """The view state a callback received from the browser's store, re-validated."""
    return from_store(ViewState, data, parse, to_search, current_atlas())


def valid_pins(pins: object) -> list[dict]:
    """The pinned areas from the browser's local storage: those with a DeSO/RegSO code of their level."""
    if not isinstance(pins, list):
        return []
    return [
        p
        for p in pins[:MAX_AREAS]
        if isinstance(p, dict) and isinstance(p.get("code"), str) and area_level(p["code"]) == p.get("level")
    ]


# ---------------------------------------------------------------- options


def municipality_options(atlas: Atlas) -> list[dict]:
    k = atlas.municipalities()
    rows = sorted(zip(k["name"], k["code"], strict=True), key=lambda r: swedish_key(r[0]))
    return [{"label": f"{name} ({code})", "value": code, "search": f"{name} {code}"} for name, code in rows]


def indicator_options(atlas: Atlas, lang: str) -> list[dict]:
    available = set(atlas.indicator_ids())
    out = []
    for theme in atlas.catalogue.themes:
        members = [i for i in atlas.catalogue.indicators if i.theme == theme.id and i.id in available]
        if members:
            out.append({"label": f"— {theme.name[lang]} —", "value": f"theme:{theme.id}", "disabled": True})
            out += [{"label": i.name[lang], "value": i.id} for i in members]
    return out


def level_options(atlas: Atlas, indicator: str, lang: str) -> list[dict]:
    have = atlas.levels(indicator)
    return [{"label": LEVEL_NAMES[lang][lv], "value": lv, "disabled": lv not in have} for lv in LEVEL_CHOICES]


def year_options(atlas: Atlas, indicator: str, level: str) -> list[dict]:
    return [{"label": str(y), "value": y} for y in atlas.years(indicator, level)]


def change_options(atlas: Atlas, state: ViewState) -> list[dict]:
    """Earlier years a change map can start from (none for a category)."""
    years = change_years(atlas, state.indicator, state.level, state.year)
    return [{"label": f"{y}–{state.year}", "value": y} for y in years]


def notice_box(notices: list[Notice], lang: str, head: str = "notice_head") -> list:
    """What could not be used, and why; `head` says whether it came from the address or a control."""
    if not notices:
        return []
    items = [html.Li(text(f"notice_{n.key}", lang, given=n.given)) for n in notices]
    return [html.Div([html.P(text(head, lang)), html.Ul(items)], className="notice", role="alert")]


# ---------------------------------------------------------------- layout


def layout() -> html.Div:
    atlas = current_atlas()
    state, notices = parse(page_search(), atlas)
    lang = state.lang
    t = lambda key: text(key, lang)  # noqa: E731
    controls = html.Section(
        [
            html.Label(t("municipality"), htmlFor="municipality"),
            dropdown(
                "municipality",
                municipality_options(atlas),
                list(state.municipalities),
                lang,
                multi=True,
                searchable=True,
                clearable=False,
            ),
            html.Label(t("indicator"), htmlFor="indicator"),
            dropdown(
                "indicator",
                indicator_options(atlas, lang),
                state.indicator,
                lang,
                clearable=False,
                searchable=True,
            ),
            html.Fieldset(
                [
                    html.Legend(t("level")),
                    dcc.RadioItems(
                        id="level", options=level_options(atlas, state.indicator, lang), value=state.level, inline=True
                    ),
                ]
            ),
            html.Fieldset(
                [
                    html.Legend(t("year")),
                    dcc.RadioItems(
                        id="year",
                        options=year_options(atlas, state.indicator, state.level),
                        value=state.year,
                        inline=True,
                    ),
                ]
            ),
            html.Label(t("change_from"), htmlFor="change-from"),
            dropdown(
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
            html.Label(t("classes"), htmlFor="classes"),
            dropdown(
                "classes",
                [{"label": t(m), "value": m} for m in CLASS_METHODS],
                state.classes,
                lang,
                clearable=False,
                searchable=False,
            ),
        ],
        className="controls",
        **{"aria-label": t("controls_label")},
    )
    the_map = dl.Map(
        id="map",
        preferCanvas=True,
        center=[57.7, 11.97],
        zoom=10,
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
        "/",
        lang,
        t("title"),
        to_search(replace(state, lang="en" if lang == "sv" else "sv")),
        "lang-link",
        before=[
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="state", data=asdict(state)),
            dcc.Store(id="view-key"),
            dcc.Store(id="map-view", data=state.view),  # the view the reader panned to (assets/map_view.js)
            dcc.Store(id="map-style"),  # the colours: atlas.map.restyle recolours the drawn areas in place
            dcc.Store(id="map-styled"),
            dcc.Store(id="area-table-data"),
            dcc.Store(id="area-table-drawn"),
            dcc.Store(id="pins", storage_type="local", data=[]),
        ],
        body=[
            html.P(t("tagline"), className="muted tagline"),
            html.Div(notice_box(notices, lang), id="notice"),
            html.P(id="sentence", className="sentence", **{"aria-live": "polite"}),
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
                            html.Div(id="geometry-note"),
                            html.Div(id="legend", className="legend"),
                            html.Details(
                                [html.Summary(t("show_table"), id="area-table-summary"), html.Div(id="area-table-box")],
                                id="area-table-details",
                            ),
                            html.Div(id="press-slot"),
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
                            html.Div(id="panel", children=html.P(t("panel_hint"), className="muted")),
                            html.Div(id="pinned"),
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


def _render_map(atlas: Atlas, state: ViewState) -> dict:
    """Everything the map shows for a state; pure apart from reading the store."""
    lang, ind = state.lang, atlas.catalogue.get(state.indicator)
    munis = list(state.municipalities)
    layer = atlas.map_layer(state.indicator, state.level, state.year, munis, web=True)
    change = change_map(atlas, state, layer) if state.year_from is not None else None
    if change:  # the same shapes, coloured by the change since `year_from`
        layer = change.layer
    value_edition, geometry_edition = layer.value_edition, layer.geometry_edition
    shapes = layer.frame.sort_values("code", kind="stable")
    drawn = shapes  # every shape; those without a value are NaN and stay out of the classes
    classes = (
        classify_change(tuple(drawn["value"]), state.classes)
        if change
        else classify(tuple(drawn["value"]), state.classes, categorical=ind.unit == "category")
    )
    cls = {code: int(i) for code, i in zip(drawn["code"], classes.index, strict=True) if i >= 0}
    unit = ind.unit
    txt = {
        c: (format_value(v, unit, lang) if unit != "category" else f"{v:.0f} {ind.category_label(v, lang)}")
        for c, v in zip(drawn["code"], drawn["value"], strict=True)
        if v == v
    }
    if change:
        txt = change.texts(lang)
    other = layer.other_vintage
    note = (
        text(
            "other_vintage",
            lang,
            year=state.year,
            value_vintage=vintage_label(state.level, value_edition),
            geometry_vintage=vintage_label(state.level, geometry_edition),
        )
        if other
        else ""
    )
    hideout = {
        "cls": cls,
        "col": list(classes.colors),
        "nodata": NO_DATA,
        "txt": txt,
        "sel": state.area,
        "none": text("no_data", lang),
        "note": note,
    }
    without_shape = len(layer.values_without_shape)
    no_data = layer.shapes_without_value
    title = f"{ind.name[lang]} {state.year} · {vintage_label(state.level, value_edition, lang)}"
    if change:
        title = f"{change.title(lang)} · {vintage_label(state.level, value_edition, lang)}"
    geometry_note: list = []
    if shapes.empty:
        where = ", ".join(atlas.name(m, "kommun") for m in munis)
        offers = [
            lv
            for lv in LEVEL_CHOICES
            if lv != state.level
            and lv in atlas.levels(state.indicator)
            and (ge := atlas.geometry_edition(lv, state.year, munis))
            and len(atlas.web_shapes(lv, ge, munis))
        ]
        links = [
            html.A(LEVEL_NAMES[lang][lv], href=to_search(with_changes(state, atlas, level=lv)), className="offer")
            for lv in offers
        ]
        geometry_note = [
            html.Div(
                [
                    html.P(text("no_geometry", lang, level=LEVEL_NAMES[lang][state.level], where=where)),
                    html.P([text("try_levels", lang), " ", *links]),
                ],
                className="notice",
                role="status",
                id="no-geometry",
            )
        ]
    elif other:
        geometry_note = [html.P(note, className="legend-note warn", id="vintage-note")]
    highest, lowest = extremes(drawn) or (None, None)
    places = [(atlas.name(m, "kommun"), atlas.value(state.indicator, "kommun", state.year, m)) for m in munis]
    if state.level == "kommun":
        places = []
    sentence = map_sentence(ind, lang, state.year, places, highest, lowest, LEVEL_NAMES[lang][state.level])
    if change:
        sentence = change.sentence(lang)
    url = geometry_url(atlas.version, state.level, geometry_edition, tuple(munis)) if not shapes.empty else None
    # Fit the drawn areas; with none drawn, the municipalities' outlines, so the map still shows where.
    extent = shapes if not shapes.empty else atlas.outlines(state.level, geometry_edition or "2025", list(munis))
    bounds = None
    if not extent.empty:
        minx, miny, maxx, maxy = extent.total_bounds
        bounds = [[float(miny), float(minx)], [float(maxy), float(maxx)]]
    vintage = vintage_label(state.level, geometry_edition or value_edition, lang)
    if shapes.empty:
        legend_box = []
    elif change:
        legend_box = change.legend(classes, state.classes, lang, without_shape, vintage)
    else:
        legend_box = legend(classes, ind, lang, title, no_data, without_shape, vintage)
    if state.layer == "lisa" and not shapes.empty:
        legend_box, geometry_note = _lisa_layer(atlas, state, hideout, legend_box, geometry_note)
    return {
        "url": url,
        "hideout": hideout,
        "bounds": bounds,
        "sentence": sentence,
        "geometry_note": geometry_note,
        "legend": legend_box,
        "outlines": geometry_url(atlas.version, f"outline-{state.level}", geometry_edition or "2025", tuple(munis)),
        "geometry_edition": geometry_edition,
        "layer": layer,
        "classes": classes,
        "change": change,
    }


def _press(atlas: Atlas, state: ViewState, out: dict) -> list:
    """The embed snippet, alt text and download links for exactly this map."""
    if not out["url"]:
        return []
    ind = atlas.catalogue.get(state.indicator)
    places = [atlas.name(m, "kommun") for m in state.municipalities]
    level_name = LEVEL_NAMES[state.lang][state.level]
    alt = map_alt(ind, state.lang, state.year, level_name, places, out["layer"].frame)
    title = f"{ind.name[state.lang]} {state.year}"
    if change := out["change"]:
        alt, title = change.alt(state.lang, level_name, places), change.title(state.lang)
    links = map_links(state)
    host = request.host_url.rstrip("/") if has_request_context() else ""
    snippet = embed_snippet(host + links["embed"], title, 640)
    return [press_panel(links, snippet, alt, state.lang, "map-press", title)]


def _lisa_layer(atlas: Atlas, state: ViewState, hideout: dict, legend_box, geometry_note: list):
    """Recolour the map by hot and cold spots where they were computed; else say where they exist."""
    clusters = atlas.lisa(state.indicator, state.level, state.year, list(state.municipalities))
    lang = state.lang
    if clusters.empty:
        names = ", ".join(
            atlas.catalogue.get(i).name[lang] for i in atlas.catalogue.ids() if atlas.catalogue.get(i).lisa
        )
        note = html.P(text("lisa_none", lang, names=names), className="notice", role="status", id="lisa-none")
        return legend_box, [*geometry_note, note]
    index = {key: i for i, key in enumerate(LISA_ORDER)}
    hideout["cls"] = {c: index[k] for c, k in zip(clusters["code"], clusters["cluster"], strict=True)}
    hideout["col"] = list(LISA_COLORS)
    hideout["txt"] = {
        c: f"{hideout['txt'].get(c, '')} · {text(f'lisa_{k}', lang)}"
        for c, k in zip(clusters["code"], clusters["cluster"], strict=True)
    }
    counts = clusters["cluster"].value_counts().to_dict()
    title = text("lisa_title", lang, name=atlas.catalogue.get(state.indicator).name[lang], year=state.year)
    return lisa_legend(counts, lang, title), geometry_note


def register_explore_callbacks(app: Dash) -> None:
    @app.callback(
        Output("url", "search"),
        Output("state", "data"),
        Output("notice", "children"),
        Output("level", "value"),
        Output("level", "options"),
        Output("municipality", "value"),
        Output("indicator", "value"),
        Output("year", "value"),
        Output("year", "options"),
        Output("classes", "value"),
        Output("lang-link", "href"),
        Output("layer", "value"),
        Output("change-from", "value"),
        Output("change-from", "options"),
        Input("url", "search"),
        Input("level", "value"),
        Input("municipality", "value"),
        Input("indicator", "value"),
        Input("year", "value"),
        Input("classes", "value"),
        Input("areas", "clickData"),
        Input("layer", "value"),
        Input("change-from", "value"),
        State("state", "data"),
        State("map-view", "data"),
    )
    def sync(search, level, municipalities, indicator, year, classes, click, layer, year_from, current, view):
        """URL → state, or controls/click → state → URL (a history entry, so Back works)."""
        atlas = current_atlas()
        notices: list[Notice] = []
        trigger = ctx.triggered_id
        if trigger in (None, "url"):
            state, notices = parse(control_text(search), atlas)
        else:
            before = state_from_store(current)
            if trigger == "areas":
                props = click.get("properties") if isinstance(click, dict) else None
                code = control_text(props.get("code")) if isinstance(props, dict) else None
                state = replace(before, area=code if code != before.area else None) if code else before
                state = parse(to_search(replace(state, view=control_text(view))), atlas)[0]
            else:
                munis = control_codes(municipalities) or before.municipalities
                lisa = "lisa" in control_codes(layer)
                year_from = control_year(year_from)
                if trigger == "layer" and lisa:  # one picture at a time: hot spots replace the change map
                    year_from = None
                elif trigger == "change-from" and year_from is not None:
                    lisa = False
                state = with_changes(
                    before,
                    atlas,
                    level=control_text(level),
                    municipalities=munis,
                    indicator=control_text(indicator),
                    year=control_year(year) or before.year,
                    classes=control_text(classes),
                    layer="lisa" if lisa else "values",
                    year_from=year_from,
                    view=control_text(view),
                )
                if state.municipalities != before.municipalities:  # other areas: fit them, not the old view
                    state = replace(state, view=None)
                if indicator != before.indicator or level != before.level:
                    years = atlas.years(state.indicator, state.level)
                    if before.year in years:
                        state = replace(state, year=before.year)
        new_search = to_search(state)
        other_lang = to_search(replace(state, lang="en" if state.lang == "sv" else "sv"))
        return (
            new_search if new_search != search else no_update,
            asdict(state),
            notice_box(notices, state.lang),
            state.level,
            level_options(atlas, state.indicator, state.lang),
            list(state.municipalities),
            state.indicator,
            state.year,
            year_options(atlas, state.indicator, state.level),
            state.classes,
            other_lang,
            ["lisa"] if state.layer == "lisa" else [],
            state.year_from,
            change_options(atlas, state),
        )

    @app.callback(
        Output("areas", "url"),
        Output("map-style", "data"),
        Output("outlines", "url"),
        Output("map", "viewport"),
        Output("view-key", "data"),
        Output("legend", "children"),
        Output("sentence", "children"),
        Output("geometry-note", "children"),
        Output("press-slot", "children"),
        Input("state", "data"),
        State("view-key", "data"),
    )
    def render(data, view_key):
        atlas = current_atlas()
        state = state_from_store(data)
        out = _render_map(atlas, state)
        key = sorted(state.municipalities)  # refit only when the municipalities change, never on a restyle
        fit = key != view_key and out["bounds"]  # `bounds` only applies when the map is created
        viewport = {"bounds": out["bounds"], "transition": "fitBounds"} if fit else no_update
        if view_key is None and state.view:  # a shared address keeps the view its reader had
            zoom, lat, lng = map_view(state.view)
            viewport = {"center": [lat, lng], "zoom": zoom, "transition": "setView"}
        return (
            out["url"],
            out["hideout"],
            out["outlines"],
            viewport,
            key,
            out["legend"],
            out["sentence"],
            out["geometry_note"],
            _press(atlas, state, out),
        )

    app.clientside_callback(
        ClientsideFunction("atlas", "restyle"), Output("map-styled", "data"), Input("map-style", "data")
    )

    @app.callback(Output("area-table-data", "data"), Input("state", "data"), Input("area-table-summary", "n_clicks"))
    def table(data, opened):
        if not opened:  # built from the first opening on (Dash does not report a details' toggle)
            return no_update
        return area_table(current_atlas(), state_from_store(data))

    app.clientside_callback(
        ClientsideFunction("atlas", "table"), Output("area-table-drawn", "data"), Input("area-table-data", "data")
    )

    @app.callback(
        Output("panel", "children"), Output("pinned", "children"), Input("state", "data"), Input("pins", "data")
    )
    def panel(data, pins):
        atlas = current_atlas()
        state = state_from_store(data)
        pins = valid_pins(pins)
        lang = state.lang
        pinned_list = []
        if pins:
            chips = [
                html.Li(
                    [
                        html.Span(f"{atlas.name(p['code'], p['level'])} {p['code']}"),
                        html.Button(
                            "×",
                            id={"type": "unpin", "code": p["code"]},
                            title=text("unpin", lang),
                            **{"aria-label": f"{text('unpin', lang)} {p['code']}"},
                        ),
                    ]
                )
                for p in pins
            ]
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
            return html.P(text("panel_hint", lang), className="muted"), pinned_list
        is_pinned = any(p["code"] == state.area for p in pins)
        body = area_panel(
            atlas,
            state.area,
            state.level,
            state.indicator,
            state.year,
            lang,
            atlas.geometry_edition(state.level, state.year, list(state.municipalities)),
            is_pinned,
            pins_full=len(pins) >= MAX_AREAS,
        )
        return body, pinned_list

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
        state = state_from_store(data)
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
