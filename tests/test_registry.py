"""The view registry: every view is whole and documented, a new view needs no other file, every page
shows the build hint without a store, and map.js reads exactly the render model's `Hideout`."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard import registry
from dashboard.models import Hideout
from dashboard.texts import TEXTS

REPO = Path(__file__).resolve().parent.parent


def _layout(client, path: str) -> str:
    """The layout Dash fetches for a page (it names the page in the Referer)."""
    layout = client.get("/_dash-layout", headers={"Referer": f"http://localhost{path}"}).get_data(as_text=True)
    return layout.replace("\\u002f", "/")  # Dash escapes slashes in its JSON


def test_every_registered_view_has_every_part() -> None:
    paths = [view.path for view in registry.VIEWS]
    assert len(paths) == len(set(paths)) and "/" in paths
    for view in registry.VIEWS:
        assert view.path.startswith("/") and callable(view.layout), view.path
        assert all(view.title_key in TEXTS[lang] for lang in TEXTS), view.path
        state_type = view.state
        assert dataclasses.is_dataclass(state_type.cls) and state_type.cls.__dataclass_params__.frozen, view.path
        assert callable(state_type.parse) and callable(state_type.to_search) and callable(state_type.from_dict)
        assert "lang" in {f.name for f in dataclasses.fields(state_type.cls)}, view.path
    data_views = registry.press_views()
    assert {v.path for v in data_views} == {"/", "/compare", "/segregation"}
    assert len({v.press.name for v in data_views}) == len(data_views)
    for view in data_views:
        press = view.press
        assert callable(view.callbacks) and callable(press.model) and callable(press.draw), view.path
        assert press.downloads and callable(press.download) and callable(press.filename), view.path
        assert press.variants and (press.variant_key or press.variants == ("",)), view.path


def test_the_state_of_every_view_survives_its_own_url(atlas) -> None:
    for view in registry.VIEWS:
        state, notices = view.state.parse("?lang=en", atlas)
        assert notices == [] and state.lang == "en"
        assert view.state.parse(view.state.to_search(state), atlas)[0] == state
        stored = json.loads(json.dumps(dataclasses.asdict(state)))  # as a dcc.Store gives it back
        assert view.state.from_dict(stored, atlas) == state


def test_every_registered_path_is_in_the_readmes_url_table() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("### URL structure", 1)[1].split("\n#", 1)[0]
    documented = re.findall(r"^\| `(/[^`?]*)`", section, flags=re.M)
    assert documented == [view.path for view in registry.VIEWS]


def test_map_js_reads_exactly_the_fields_of_hideout() -> None:
    """map.js colours the map and map_keys.js moves on it from the selection: together they read every field."""
    script = "".join((REPO / "assets" / name).read_text("utf-8") for name in ("map.js", "map_keys.js"))
    read = set(re.findall(r"\bh\.(\w+)", script))
    assert read == {f.name for f in dataclasses.fields(Hideout)}


def test_every_registered_path_without_a_store_answers_200_with_the_build_hint(monkeypatch, tmp_path: Path) -> None:
    from dashboard import create_app

    monkeypatch.setenv("GEODATA_STORE", str(tmp_path))
    client = create_app().server.test_client()
    for view in registry.VIEWS:
        page = client.get(view.path)
        assert page.status_code == 200, view.path
        layout = _layout(client, view.path)
        assert "python -m geodata build --from" in layout, view.path
        assert '"role":"alert"' in layout and "site-nav" in layout, view.path  # inside the same chrome


@dataclass(frozen=True)
class _Picture:
    title: str
    alt: str
    source: str


def _draw(_atlas, state, model, width: int, _scale: float, fmt: str) -> bytes:
    assert fmt == "svg"
    size = f'width="{width}" height="{width // 2}"'
    return f'<svg xmlns="http://www.w3.org/2000/svg" {size}><title>{model.title}</title></svg>'.encode()


@pytest.fixture()
def trivial(monkeypatch):
    """A view added only as a registry entry: a layout in the page chrome and a press adapter."""
    from dash import html

    from dashboard.components.chrome import page
    from dashboard.urlstate import LangState, lang_to_search, parse_lang
    from dashboard.viewtypes import Press, StateType, View

    view = View(
        path="/trivial",
        title_key="title",
        state=StateType(LangState, parse_lang, lang_to_search),
        layout=lambda: page("/trivial", "sv", "Trivial", "/trivial?lang=en", "lang-link", [html.P("a trivial view")]),
        press=Press(
            name="trivial",
            model=lambda _atlas, state, _variant: _Picture(f"Trivial picture {state.lang}", "A picture.", "none"),
            draw=_draw,
        ),
    )
    monkeypatch.setattr(registry, "VIEWS", (*registry.VIEWS, view))
    monkeypatch.setenv("PUBLIC_URL", "https://atlas.example")
    from dashboard import create_app

    return create_app().server.test_client()


def test_a_new_registry_entry_gets_routing_and_navigation(trivial) -> None:
    assert trivial.get("/trivial?lang=sv").status_code == 200
    assert "a trivial view" in _layout(trivial, "/trivial?lang=sv")
    assert '"href":"/trivial?lang=sv"' in _layout(trivial, "/?lang=sv")  # the other views link to it
    assert trivial.get("/trivial/elsewhere").status_code == 404


def test_a_new_registry_entry_gets_snapshot_embed_and_oembed(trivial) -> None:
    svg = trivial.get("/snapshot/trivial.svg?lang=en&width=400")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b'width="400"' in svg.data
    embed = trivial.get("/embed/trivial?lang=en&width=400")
    assert embed.status_code == 200 and "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    body = embed.get_data(as_text=True)
    assert "Trivial picture en" in body and 'width="400" height="200"' in body
    assert '<link rel="canonical" href="https://atlas.example/trivial?lang=en">' in body
    answer = trivial.get("/oembed?url=https://atlas.example/trivial?lang=en&maxwidth=600").get_json()
    assert answer["title"] == "Trivial picture en" and answer["width"] == 600 and answer["height"] == 340
    assert "/embed/trivial?lang=en&amp;width=600" in answer["html"]
    preview = trivial.get("/trivial?lang=en").get_data(as_text=True)
    assert '<meta property="og:title" content="Trivial picture en">' in preview
    assert trivial.get("/download/trivial.csv?lang=en").status_code == 404  # it offers no downloads
