"""Explore-view benchmark: restyle cost against a plotly map figure, and time to interactive.

Run: `python -m benchmarks.explore [--bundle DIR] [--repeat N] [--no-browser]`

- restyle: what the server computes and sends when the year changes for Göteborg's DeSO (our render
  callback's outputs: hideout, legend, sentence, notes, the embed/download panel),
  against the baseline a Dash user would write — a
  `plotly.express.choropleth_map` figure of the same areas (same simplified shapes), rebuilt and
  serialised on every change. Bytes are the JSON sent; time is server time per change.
- time to interactive: headless Chromium, from navigation start until every Göteborg DeSO is drawn
  and coloured, for our page and for a minimal Dash page with that plotly figure, on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import plotly
import plotly.express as px

from benchmarks import add_bundle_argument
from dashboard.components.press_panel import view_press
from dashboard.localserver import CHROMIUM, CHROMIUM_FLAGS, serve_locally
from dashboard.urlstate import parse
from dashboard.views.explore import VIEW, geometry_note, legend_box, map_model
from geodata.build import build_from_bundle
from geodata.queries import Atlas
from geodata.store import open_store

OURS_READY = (
    "() => window.atlas && Object.keys((window.atlas.hideout || {}).cls || {}).length > 0 && "
    "Object.values(window.atlas.layers).filter(l => l._map).length >= 320"
)
PLOTLY_READY = (
    "() => { const g = document.querySelector('.js-plotly-plot'); return g && g._fullData && "
    "g._fullData.length > 0 && document.querySelector('.maplibregl-canvas, .mapboxgl-canvas') }"
)


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def dumps(obj) -> bytes:
    return json.dumps(obj, cls=plotly.utils.PlotlyJSONEncoder).encode()


def plotly_figure(atlas: Atlas, year: int):
    values = atlas.values("utlandsk_bakgrund", "deso", year, ["1480"])
    shapes = atlas.web_shapes("deso", "2025", ["1480"])
    geojson = json.loads(shapes[["code", "geometry"]].to_json(drop_id=True))
    fig = px.choropleth_map(
        values,
        geojson=geojson,
        locations="code",
        featureidkey="properties.code",
        color="value",
        map_style="white-bg",
        zoom=9,
        center={"lat": 57.7, "lon": 11.97},
    )
    return fig


def restyle(atlas: Atlas, repeat: int) -> None:
    states = [parse(f"?municipality=1480&indicator=utlandsk_bakgrund&year={y}", atlas)[0] for y in (2024, 2025)]

    def ours() -> bytes:
        out = {}
        for state in states:
            m = map_model(atlas, state)
            out[state.year] = dumps(
                [
                    m.hideout.to_json(),
                    legend_box(m, state, atlas),
                    m.sentence,
                    geometry_note(m, state, atlas),
                    view_press(VIEW, state, m, "map-press"),
                ]
            )
        return out[2025]

    def baseline() -> bytes:
        out = b""
        for year in (2024, 2025):
            out = dumps(plotly_figure(atlas, year).to_plotly_json())
        return out

    ours()  # warm caches the way a running server is warm
    t_ours, b_ours = median_time(ours, repeat)
    t_base, b_base = median_time(baseline, repeat)
    print(f"{'restyle (year change, Göteborg DeSO)':44} {'ours':>12} {'plotly fig':>12} {'ratio':>8}")
    print(f"{'  payload bytes per change':44} {len(b_ours):12,d} {len(b_base):12,d} {len(b_ours) / len(b_base):8.3f}")
    print(f"{'  server ms per change':44} {t_ours / 2 * 1e3:12.1f} {t_base / 2 * 1e3:12.1f} {t_ours / t_base:8.3f}")


def time_to_interactive(store: Path, repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    pages = {
        "ours": ("app:server", "/?municipality=1480&indicator=utlandsk_bakgrund&year=2025", OURS_READY),
        "plotly fig": ("benchmarks.plotly_page:server", "/", PLOTLY_READY),
    }
    results: dict[str, float | str] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name, (module, path, ready) in pages.items():
            with serve_locally(store, module) as url:
                times = []
                for i in range(repeat + 1):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    page.goto(url + path)
                    try:
                        page.wait_for_function(ready, timeout=60_000)
                        elapsed = page.evaluate("() => performance.now()")
                        if i:  # the first load warms the server's caches
                            times.append(elapsed)
                    except Exception as exc:
                        results[name] = f"failed ({type(exc).__name__})"
                        context.close()
                        break
                    context.close()
                if times:
                    results[name] = statistics.median(times)
        browser.close()
    ours, base = results.get("ours"), results.get("plotly fig")
    ratio = f"{ours / base:8.3f}" if isinstance(ours, int | float) and isinstance(base, int | float) else "       –"
    fmt = lambda v: f"{v:12.0f}" if isinstance(v, int | float) else f"{v!s:>12}"  # noqa: E731
    print(f"{'time to interactive, Göteborg DeSO (ms)':44} {fmt(ours)} {fmt(base)} {ratio}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_bundle_argument(p)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--no-browser", action="store_true", help="skip the time-to-interactive measurement")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp)
        build_from_bundle(args.bundle, store, show_progress=False)
        os.environ["GEODATA_STORE"] = str(store)
        atlas = Atlas(open_store(store))
        restyle(atlas, args.repeat)
        if not args.no_browser:
            time_to_interactive(store, args.repeat)


if __name__ == "__main__":
    main()
