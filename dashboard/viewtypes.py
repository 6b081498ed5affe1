"""What a view is: its path, state type, layout, callbacks and press adapter (`dashboard.registry` lists
them; each view module defines its own entry)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dashboard.press.links import press_links
from dashboard.urlstate import from_store


@dataclass(frozen=True)
class StateType:
    """A view's state: a frozen dataclass, the one parser from a query string and the one serialiser back."""

    cls: type
    parse: Callable[[str | None, Any], tuple[Any, list]]  # (search, atlas) → (state, notices)
    to_search: Callable[[Any], str]

    def from_dict(self, data: object, atlas: Any) -> Any:
        """The state a callback read from a dcc.Store, re-validated by the parser (InvalidInput if malformed)."""
        return from_store(self.cls, data, self.parse, self.to_search, atlas)


@dataclass(frozen=True)
class Press:
    """How a view is drawn outside the page: `/snapshot/<name>.png|svg`, `/embed/<name>`, `/oembed`, link
    previews and `/download/<name>.<format>` all go through these few functions."""

    name: str
    model: Callable[[Any, Any, str], Any]  # (atlas, state, variant) → a model with title, alt and source
    draw: Callable[[Any, Any, Any, int, float, str], bytes]  # (atlas, state, model, width, scale, png|svg)
    size: Callable[[Any, int], tuple[int, int]] | None = None  # (model, width) → natural size; None: the SVG's
    download: Callable[[Any, Any, Any, str], bytes] | None = None  # (atlas, state, model, fmt) → a file
    filename: Callable[[Any, Any, Any, str], str] | None = None  # (atlas, state, model, fmt) → its name
    downloads: tuple[str, ...] = ()  # the formats `download` writes
    variants: tuple[str, ...] = ("",)  # e.g. a chart's kinds; the first is the default
    variant_key: str = ""  # the query key that picks a variant
    snippet_height: Callable[[Any], int] = lambda _model: 640  # px of the iframe in the embed snippet

    def variant_query(self, variant: str) -> str:
        return f"&{self.variant_key}={variant}" if self.variant_key else ""


@dataclass(frozen=True)
class View:
    """One page of the site. `title_key`: its name in the navigation and the embed's link back (texts.py);
    `in_navigation`: listed in the header; `press`: only for data views; `maps`: it opens on a Leaflet map, so
    its page loads dash-leaflet (the others load its 82 kB and evaluation only if a map comes into view)."""

    path: str
    title_key: str
    state: StateType
    layout: Callable[[], Any]
    callbacks: Callable[[Any], None] | None = None
    press: Press | None = None
    in_navigation: bool = True
    maps: bool = False

    def links(self, state: Any, variant: str = "") -> dict[str, str]:
        """Addresses of this state's page, embed, snapshots and downloads."""
        assert self.press is not None, f"{self.path} has no press adapter"
        press = self.press
        variant = variant or press.variants[0]
        return press_links(
            press.name, self.path, self.state.to_search(state), press.variant_query(variant), press.downloads
        )
