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

from dashboard import registry
from dashboard.by_version import by_store_version
from dashboard.models import EmptyView
from dashboard.press.links import public_url
from dashboard.texts import text
from dashboard.urlstate import lang_of
from dashboard.viewtypes import View
from geodata.errors import GeodataError
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


def view_meta(view: View, search: str) -> PageMeta:
    """A data view's preview: its render model's title and alt text, and its PNG snapshot as picture."""
    atlas = current_atlas()
    state, _ = view.state.parse(search, atlas)
    return _state_meta(atlas, view.path, state)


@by_store_version(1024)
def _state_meta(atlas: Atlas, path: str, state: object) -> PageMeta:
    """The preview of a view's state, kept per store version: every page request asks for it, and its
    render model is the costliest part of serving the page."""
    view = registry.view_at(path)
    links = view.links(state)
    try:
        model = view.press.model(atlas, state, view.press.variants[0])
    except EmptyView as exc:  # nothing to draw yet: what the page says instead
        return PageMeta(text(view.title_key, state.lang), text(exc.key, state.lang), links["view"])
    image = links["png"].replace("&scale=2", f"&width={PREVIEW_WIDTH}")
    return PageMeta(model.title, model.alt, links["view"], image, embeddable=True)


def page_meta(path: str, search: str) -> PageMeta:
    """The preview of any page; the site's own title and tagline where a page has no data of its own (the
    help pages, or a store that cannot be read)."""
    lang = lang_of(search)
    plain = PageMeta(text("title", lang), text("tagline", lang), f"{path}?lang={lang}")
    view = registry.view_at(path)
    if view is None or view.press is None:
        return plain
    try:
        return view_meta(view, search)
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
