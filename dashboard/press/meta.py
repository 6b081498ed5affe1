"""What a shared link shows: title, description, picture and oEmbed discovery for every page.

Link previews (Open Graph, Twitter cards) take the view's own title, its alt-text sentence as description
and its PNG snapshot as picture; `<link rel="alternate" … oembed>` lets a CMS find the embed by itself.
Everything here is a lookup in the store (no picture is drawn to answer a page request): the picture is
the snapshot's address, drawn when a preview service asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import escape

from dashboard.charts import bar_table
from dashboard.press.alt_text import bar_alt, map_alt, segregation_alt
from dashboard.press.links import chart_links, map_links, public_url, segregation_links
from dashboard.texts import text
from dashboard.urlstate import lang_of, parse, parse_compare, parse_segregation
from geodata.errors import GeodataError
from geodata.levels import LEVEL_NAMES
from geodata.queries import Atlas, current_atlas

LOCALES = {"sv": "sv_SE", "en": "en_GB"}
PREVIEW_WIDTH = 1200  # px: the size link previews ask for


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    url: str  # the page's public address
    image: str | None = None
    embeddable: bool = False


def _map_meta(atlas: Atlas, search: str) -> PageMeta:
    state, _ = parse(search, atlas)
    ind, lang = atlas.catalogue.get(state.indicator), state.lang
    places = [atlas.name(m, "kommun") for m in state.municipalities]
    values = atlas.values(state.indicator, state.level, state.year, list(state.municipalities))
    links = map_links(state)
    return PageMeta(
        f"{ind.name[lang]} {state.year}",
        map_alt(ind, lang, state.year, LEVEL_NAMES[lang][state.level], places, values),
        links["view"],
        f"/snapshot/map.png{links['view'][1:]}&width={PREVIEW_WIDTH}",
        embeddable=True,
    )


def _compare_meta(atlas: Atlas, search: str) -> PageMeta:
    state, _ = parse_compare(search, atlas)
    ind, lang = atlas.catalogue.get(state.indicator), state.lang
    links = chart_links(state, "bar")
    if not state.areas:
        return PageMeta(text("compare_title", lang), text("compare_empty", lang), links["view"])
    table = bar_table(atlas, state.areas, state.indicator, state.year)
    image = links["png"].replace("&scale=2", f"&width={PREVIEW_WIDTH}")
    return PageMeta(
        f"{ind.name[lang]} {state.year}", bar_alt(ind, lang, state.year, table), links["view"], image, embeddable=True
    )


def _segregation_meta(atlas: Atlas, search: str) -> PageMeta:
    state, _ = parse_segregation(search, atlas)
    lang = state.lang
    split = atlas.catalogue.split(state.group)
    rows = atlas.measures(state.measure, state.group, state.year, state.level, list(state.municipalities))
    description = segregation_alt(
        text(state.measure, lang), split.name[lang], lang, state.year, LEVEL_NAMES[lang][state.level], rows
    )
    links = segregation_links(state)
    image = links["png"].replace("&scale=2", f"&width={PREVIEW_WIDTH}")
    title = f"{text(state.measure, lang)}: {split.name[lang]} {state.year}"
    return PageMeta(title, description, links["view"], image, embeddable=True)


VIEWS = {"/": _map_meta, "/compare": _compare_meta, "/segregation": _segregation_meta}


def page_meta(path: str, search: str) -> PageMeta:
    """The preview of any page; the site's own title and tagline where a page has no data of its own (the
    help pages, or a store that cannot be read)."""
    lang = lang_of(search)
    plain = PageMeta(text("title", lang), text("tagline", lang), f"{path}?lang={lang}")
    if path not in VIEWS:
        return plain
    try:
        return VIEWS[path](current_atlas(), search)
    except GeodataError:
        return plain


def head_tags(meta: PageMeta, lang: str) -> str:
    """The <meta> and <link> tags for a page's <head>, with absolute addresses on the public URL."""
    base = public_url()
    url = base + meta.url
    tags = [
        f'<meta name="description" content="{escape(meta.description)}">',
        f'<link rel="canonical" href="{escape(url)}">',
        '<meta property="og:type" content="website">',
        f'<meta property="og:site_name" content="{escape(text("title", lang))}">',
        f'<meta property="og:locale" content="{LOCALES[lang]}">',
        f'<meta property="og:title" content="{escape(meta.title)}">',
        f'<meta property="og:description" content="{escape(meta.description)}">',
        f'<meta property="og:url" content="{escape(url)}">',
        f'<meta name="twitter:card" content="{"summary_large_image" if meta.image else "summary"}">',
        f'<meta name="twitter:title" content="{escape(meta.title)}">',
        f'<meta name="twitter:description" content="{escape(meta.description)}">',
    ]
    if meta.image:
        tags += [
            f'<meta property="og:image" content="{escape(base + meta.image)}">',
            f'<meta property="og:image:alt" content="{escape(meta.description)}">',
            f'<meta name="twitter:image" content="{escape(base + meta.image)}">',
        ]
    if meta.embeddable:
        tags.append(oembed_links(url, meta.title))
    return "\n        ".join(tags)


def oembed_links(page_url: str, title: str) -> str:
    """oEmbed discovery: where a CMS asks how to embed this address (JSON and XML)."""
    base = public_url()
    target = quote(page_url, safe="")
    return (
        f'<link rel="alternate" type="application/json+oembed" href="{escape(base)}/oembed?url={target}&amp;'
        f'format=json" title="{escape(title)}">\n        <link rel="alternate" type="text/xml+oembed" '
        f'href="{escape(base)}/oembed?url={target}&amp;format=xml" title="{escape(title)}">'
    )
