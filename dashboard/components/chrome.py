"""The page around every view: a skip link, the header with the site's navigation and the language
switch, one `main` landmark, and the footer. One component, so every page has the same landmarks.
"""

from __future__ import annotations

from dash import html

from dashboard.texts import text

# (path, text key) of the pages in the site's navigation, in order
NAVIGATION = (
    ("/", "explore"),
    ("/compare", "compare_title"),
    ("/segregation", "seg_title"),
    ("/om", "about_nav"),
)


def navigation(current: str, lang: str) -> html.Nav:
    """Links to every page in the reader's language; the current one marked for screen readers."""
    items = []
    for path, key in NAVIGATION:
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
) -> html.Div:
    """A whole page: `before` holds the view's non-visual parts (location, stores); `body` goes in `main`."""
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
                        lang="en" if lang == "sv" else "sv",
                        hrefLang="en" if lang == "sv" else "sv",
                    ),
                ],
                className="site-header",
            ),
            html.Main([html.H1(heading), *body], id="main", tabIndex="-1"),
            html.Footer(footer or [html.Span(text("credit", lang))]),
        ],
        lang=lang,
        className=class_name,
    )


def missing_store(current: str, lang: str, lang_link_id: str, message: str) -> html.Div:
    """Any view's page when there is no data store yet: what happened and how to build one."""
    other = "en" if lang == "sv" else "sv"
    return page(
        current,
        lang,
        text("title", lang),
        f"{current}?lang={other}",
        lang_link_id,
        [html.P(text("no_store", lang), role="alert"), html.P(html.Code(message), className="error")],
    )
