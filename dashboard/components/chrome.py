"""The page around every view: a skip link, the header with the site's navigation and the language
switch, one `main` landmark, and the footer. One component, so every page has the same landmarks.
"""

from __future__ import annotations

from dataclasses import replace

from dash import ClientsideFunction, Dash, Input, dcc, html

from dashboard.texts import NOTICE_KEYS, text
from dashboard.urlstate import Notice, other_lang
from geodata.errors import GeodataError
from geodata.queries import current_atlas


def navigation(current: str, lang: str) -> html.Nav:
    """Links to every registered page that is in the navigation, in the reader's language; the current
    one marked for screen readers."""
    from dashboard.registry import navigation_items  # the registry lists the views, which use this chrome

    items = []
    for path, key in navigation_items():
        here = path == current
        items.append(
            html.Li(
                html.A(
                    text(key, lang),
                    href=f"{path}?lang={lang}",
                    className="here" if here else None,
                    **({"aria-current": "page"} if here else {}),
                )
            )
        )
    return html.Nav(html.Ul(items), className="site-nav", **{"aria-label": text("nav_label", lang)})


def page(
    current: str,
    lang: str,
    heading: str,
    lang_href: str,
    lang_link_id: str,
    body: list,
    before: list | None = None,
    footer: list | None = None,
    class_name: str = "page wide",
    store_error: str | None = None,
) -> html.Div:
    """A whole page: `before` holds the view's non-visual parts (location, stores); `body` goes in `main`,
    under the build hint when the data store cannot be read (`store_error`, else asked here)."""
    hint = store_hint(lang, store_error or store_problem())
    return html.Div(
        [
            *(before or []),
            html.A(text("skip_to_content", lang), href="#main", className="skip-link"),
            html.Header(
                [
                    html.Div(
                        [
                            html.A(text("title", lang), href=f"/?lang={lang}", className="site-name"),
                            navigation(current, lang),
                        ]
                    ),
                    html.A(
                        text("language", lang),
                        id=lang_link_id,
                        href=lang_href,
                        lang=other_lang(lang),
                        hrefLang=other_lang(lang),
                    ),
                ],
                className="site-header",
            ),
            html.Main([html.H1(heading), *hint, *body], id="main", tabIndex="-1"),
            html.Footer(footer or [html.Span(text("credit", lang))]),
        ],
        lang=lang,
        className=class_name,
    )


def store_problem() -> str | None:
    """Why the data store cannot be read (no store yet, or a damaged file), or None."""
    try:
        current_atlas()
    except GeodataError as exc:
        return str(exc)
    return None


def store_hint(lang: str, message: str | None) -> list:
    """What is wrong with the data store and how to build one (nothing when it is fine)."""
    if not message:
        return []
    return [html.P(text("no_store", lang), role="alert"), html.P(html.Code(message), className="error")]


def missing_store(current: str, lang: str, lang_link_id: str, message: str) -> html.Div:
    """A data view's page when its store cannot be read: the chrome around the build hint alone."""
    lang_href = f"{current}?lang={other_lang(lang)}"
    return page(current, lang, text("title", lang), lang_href, lang_link_id, [], store_error=message)


def switch_href(path: str, to_search, state) -> str:
    """The same page in the other language: the language switch's address."""
    return path + to_search(replace(state, lang=other_lang(state.lang)))


def notice_box(notices: list[Notice], lang: str, head: str = "notice_head") -> list:
    """What could not be used, and why; `head` says whether it came from the address or a control."""
    if not notices:
        return []
    items = [html.Li(text(NOTICE_KEYS[n.key], lang, given=n.given)) for n in notices]
    return [html.Div([html.P(text(head, lang)), html.Ul(items)], className="notice", role="alert")]


def unpin_chips(areas: list[tuple[str, str]], id_type: str, lang: str) -> list[html.Li]:
    """Pinned areas as chips, (label, code) each, with an unpin button whose id is {"type": id_type, "code"}."""
    return [
        html.Li(
            [
                html.Span(label),
                html.Button(
                    "×",
                    id={"type": id_type, "code": code},
                    title=text("unpin", lang),
                    **{"aria-label": f"{text('unpin', lang)} {code}"},
                ),
            ]
        )
        for label, code in areas
    ]


def address(location_id: str, path: str, search: str) -> list:
    """The page's address for Dash: its location with every part given, so it reports no change when it
    mounts (the layout already draws the address's state and no callback runs when the page opens), and the
    address's canonical form, which `assets/address.js` writes into the address bar in place."""
    return [
        dcc.Location(id=location_id, refresh=False, pathname=path, search=search, hash="", href=""),
        dcc.Store(id=f"{location_id}-canonical", data=search),
    ]


def correct_address(app: Dash, location_id: str) -> None:
    """Register the in-place correction of the page's address (see `address`)."""
    app.clientside_callback(ClientsideFunction("address", "canonical"), Input(f"{location_id}-canonical", "data"))
