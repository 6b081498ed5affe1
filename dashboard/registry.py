"""Every page of the site, in one table: page routing, the edge's allowed paths, the navigation, the
snapshot/embed/oEmbed/download routes, link previews and the README's URL table all read `VIEWS`.

Adding a view: write its module under `dashboard/views/` with a `VIEW = View(...)` entry (path, state
type, layout, callbacks, and a press adapter for a data view) and list it here.
"""

from __future__ import annotations

from dashboard.views import about, compare, explore, segregation
from dashboard.viewtypes import View

VIEWS: tuple[View, ...] = (explore.VIEW, compare.VIEW, segregation.VIEW, about.VIEW, about.STATEMENT)


def view_paths() -> tuple[str, ...]:
    """The paths that serve the app."""
    return tuple(view.path for view in VIEWS)


def view_at(path: str) -> View | None:
    """The view of a page's path (trailing slash ignored)."""
    path = path.rstrip("/") or "/"
    return next((view for view in VIEWS if view.path == path), None)


def press_views() -> tuple[View, ...]:
    """The views that can be drawn outside the page (snapshot, embed, oEmbed, downloads)."""
    return tuple(view for view in VIEWS if view.press is not None)


def press_view(name: str) -> View | None:
    """The view whose press routes are named `name` (`/snapshot/<name>.png`, `/embed/<name>`, …)."""
    return next((view for view in press_views() if view.press.name == name), None)


def embed_paths() -> tuple[str, ...]:
    """The only pages other sites may frame."""
    return tuple(f"/embed/{view.press.name}" for view in press_views())


def navigation_items() -> list[tuple[str, str]]:
    """(path, text key) of the pages in the site's header, in order."""
    return [(view.path, view.title_key) for view in VIEWS if view.in_navigation]
