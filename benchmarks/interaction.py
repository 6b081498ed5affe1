"""Interaction benchmark in headless Chromium: restyle, the area table, first paints.

Run: `python -m benchmarks.interaction [--bundle DIR] [--repeat N] [--map NAME]`

- restyle (a year change), for Göteborg's 320 DeSO, Göteborgsregionen's 584 (all 13 municipalities) and
  the whole region (47 municipalities: Stockholm and Uppsala counties and Göteborgsregionen; 2,109 areas,
  each municipality on the boundary edition the store has for it, see `MAPS`): recolouring the drawn
  areas to the canvas frame after, against the baseline, measured in the same page, of what dash-leaflet
  did on every `hideout` change — clear the GeoJSON layer and add every feature again (`clearLayers` +
  `addData`, every batch) to the frame after; and from the
  render callback's response to the last area recoloured (Dash applying the other outputs
  included). Targets ≤ 50 ms at 320, ≤ 150 ms at 2,109; first paint of the 2,109 areas ≤ 2 s.
- area table ("Visa som tabell"), opened scrolled into view: from the click to the table written and its
  rows in view painted (server round trip included), and a restyle with it open (click to the table
  rewritten), each also to every row laid out (in the accessibility tree). Targets: open ≤ 1 s, restyle
  ≤ 200 ms.
- first paint of the map (navigation to every area drawn) on a first visit (a new browser context, so
  the geometry is fetched, not read from the browser's cache), warm server, and the geometry's size.
- segregation view, cold: a freshly started server's first visit until its charts are drawn; the
  baseline is the next visit. Target ≤ 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from benchmarks import add_bundle_argument
from dashboard import regions
from dashboard.localserver import CHROMIUM, CHROMIUM_FLAGS, serve_locally
from geodata.build import build_from_bundle
from geodata.queries import Atlas, current_atlas

# name: (municipalities: codes, or a region's key in `dashboard.regions`, whose codes come from the store's
# register: "all" is the whole region, Stockholm and Uppsala counties and Göteborgsregionen, 47 municipalities;
# indicator, the two years a restyle switches between, areas drawn, table rows).
# The whole region in 2022/2023 (population, the indicator with both years there) draws Stockholm's and
# Uppsala's 1,525 areas on DeSO 2018 and Göteborgsregionen's 584 on DeSO 2025 (the store has no DeSO 2018
# shapes for them; values where SCB's change log allows): the 2,109 areas. Its table lists all
# 2,090 DeSO 2018 areas.
MAPS = {
    "Göteborg": (("1480",), "utlandsk_bakgrund", (2025, 2024), 320, 320),
    "Göteborgsregionen": ("goteborg", "utlandsk_bakgrund", (2025, 2024), 584, 584),
    "whole region": ("all", "befolkning", (2022, 2023), 2109, 2090),
}
SEGREGATION = (
    "/segregation?municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund&year=2022"
    "&level=deso&lang=sv"
)
# Record when each response of the callback that carries the map's colours arrives, and when the page
# last received a click (Playwright's own checks before it clicks are not the page's time).
RESPONSES = """(() => { const original = window.fetch; window.__styleResponses = [];
  window.fetch = function (input, init) { const answer = original.apply(this, arguments);
    if (init && typeof init.body === 'string' && init.body.includes('map-style.data'))
      answer.then(() => window.__styleResponses.push(performance.now()));
    return answer; };
  document.addEventListener('click', () => { window.__clicked = performance.now(); }, true); })()"""
# every area added (they are added in batches, assets/map_chunks.js) and coloured
DRAWN = (
    "(n) => window.atlas && window.atlas.restyled && !window.atlas.adding"
    " && Object.values(window.atlas.layers).filter(l => l._map).length >= n"
)
RESTYLED_AFTER = "(i) => window.__styleResponses.length > i && window.atlas.restyled.at > window.__styleResponses[i]"
# The table is opened scrolled into view: its rows are then the ones a reader sees, laid out and painted.
OPEN_TABLE = """() => { document.querySelector('#area-table-details').scrollIntoView();
  document.querySelector('#area-table-summary').click(); return performance.now(); }"""
# The table's rows past those in view are laid out a body a frame after it is painted (assets/map.js): all done.
SETTLED = "() => { const t = window.atlas.table; return t.generation > 0 && t.settled?.generation === t.generation; }"
# The map geometry's request in this page: bytes on the wire, decoded, and ms from request to last byte.
GEOMETRY_ENTRY = """() => performance.getEntriesByType('resource').filter(e => e.name.includes('/deso/'))
  .map(e => [e.transferSize, e.decodedBodySize, e.responseEnd - e.requestStart])[0]"""
READD = """async () => { const any = Object.values(window.atlas.layers).find(l => l._map);
  const group = Object.values(any._eventParents)[0];
  const data = {type: 'FeatureCollection', features: group.getLayers().map(l => l.feature)};
  const t0 = performance.now(); group.clearLayers(); group.addData(data);
  if (window.atlas.adding) await new Promise(r => document.addEventListener('atlas:drawn', r, {once: true}));
  await new Promise(r => requestAnimationFrame(r)); return performance.now() - t0; }"""


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def restyles(page, repeat: int, years: tuple[int, int], table_open: bool = False) -> tuple[float, ...]:
    """Median ms from the colours' response to recoloured, of recolouring alone (to the frame after),
    from the click to the table rewritten (the rows in view painted), and to every row laid out."""
    to_colour, recolour, to_table, to_settled = [], [], [], []
    for _ in range(repeat):
        year = str(years[0] if page.locator(f"#year input[value='{years[1]}']").is_checked() else years[1])
        seen = page.evaluate("() => window.__styleResponses.length")
        drawn = page.evaluate("() => (window.atlas.table.drawn || {}).at || 0")
        page.locator("#year label", has_text=year).click()
        page.wait_for_function(RESTYLED_AFTER, arg=seen, timeout=60_000)
        to_colour.append(page.evaluate(f"() => window.atlas.restyled.at - window.__styleResponses[{seen}]"))
        recolour.append(page.evaluate("() => window.atlas.restyled.at - window.atlas.restyled.started"))
        if table_open:
            page.wait_for_function(f"() => (window.atlas.table.drawn || {{}}).at > {drawn}", timeout=60_000)
            to_table.append(page.evaluate("() => window.atlas.table.drawn.at - window.__clicked"))
            page.wait_for_function(SETTLED, timeout=60_000)
            to_settled.append(page.evaluate("() => window.atlas.table.settled.at - window.__clicked"))
    return med(to_colour), med(recolour), med(to_table), med(to_settled)


def restyle_report(page, repeat: int, years: tuple[int, int], label: str) -> None:
    n = page.evaluate("() => Object.values(window.atlas.layers).filter(l => l._map).length")
    ours, recolour, _, _ = restyles(page, repeat, years)
    readd = med([page.evaluate(READD) for _ in range(repeat)])
    page.wait_for_function(DRAWN, arg=n)
    print(f"{f'restyle, {label}: recolour':44} {recolour:10.1f} {readd:10.1f} {recolour / readd:8.3f}")
    print(f"{'  callback response to recoloured':44} {ours:10.1f}")


def codes(atlas: Atlas, municipalities: tuple[str, ...] | str) -> str:
    """The municipality list in a URL: the codes given, or a region's from the store's register."""
    given = regions.region_municipalities(atlas, municipalities) if isinstance(municipalities, str) else municipalities
    return ",".join(given)


def maps(browser, base: str, atlas: Atlas, repeat: int, names: list[str]) -> None:
    print(f"{'explore map (ms)':44} {'ours':>10} {'baseline':>10} {'ratio':>8}")
    for name in names:
        region, indicator, years, n, rows = MAPS[name]
        path = f"/?level=deso&municipality={codes(atlas, region)}&indicator={indicator}&year={years[0]}"
        paints, geometry = [], None
        for i in range(repeat + 1):  # the first visit warms the server's caches for this view
            # a new context each time: a first visit, the geometry not yet in the browser's cache
            context = browser.new_context(viewport={"width": 1440, "height": 1100})
            context.add_init_script(RESPONSES)
            page = context.new_page()
            page.goto(base + path)
            page.wait_for_function(DRAWN, arg=n, timeout=120_000)
            if i:
                paints.append(page.evaluate("() => performance.now()"))
                geometry = page.evaluate(GEOMETRY_ENTRY)
            if i < repeat:
                context.close()
        page.wait_for_load_state("networkidle")
        wire, decoded, fetched = geometry
        print(f"{f'first paint, {name} ({n} areas)':44} {med(paints):10.0f}")
        label = f"  geometry ({wire / 1e3:.0f} kB on the wire, {decoded / 1e3:.0f} kB) fetched in"
        print(f"{label:44} {fetched:10.0f}")
        restyle_report(page, repeat, years, f"{name} ({n} areas)")
        clicked = page.evaluate(OPEN_TABLE)
        page.wait_for_function(
            f"(c) => (window.atlas.table.drawn || {{}}).at > c && document.querySelectorAll('#area-table tbody tr')"
            f".length >= {rows}",
            arg=clicked,
            timeout=120_000,
        )
        opened = page.evaluate("() => window.atlas.table.drawn.at") - clicked
        page.wait_for_function(SETTLED, timeout=60_000)
        settled = page.evaluate("() => window.atlas.table.settled.at") - clicked
        with_table, _, table_after, table_settled = restyles(page, repeat, years, table_open=True)
        print(f"{f'table open, {name} ({rows} rows)':44} {opened:10.0f}")
        print(f"{'  to every row laid out':44} {settled:10.0f}")
        print(f"{f'restyle with table open, {name}':44} {with_table:10.1f}")
        print(f"{f'  click to table rewritten, {name}':44} {table_after:10.0f}")
        print(f"{'  to every row laid out':44} {table_settled:10.0f}")
        context.close()


def segregation_cold(browser, store: Path) -> None:
    times = []
    with serve_locally(store) as base:
        for _ in range(2):
            context = browser.new_context(viewport={"width": 1440, "height": 1100})
            page = context.new_page()
            page.goto(base + SEGREGATION)
            page.wait_for_function(
                "() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3", timeout=120_000
            )
            times.append(page.evaluate("() => performance.now()"))
            context.close()
    cold, warm = times
    print(f"{'segregation first paint, cold vs warm (ms)':44} {cold:10.0f} {warm:10.0f} {cold / warm:8.3f}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_bundle_argument(p)
    p.add_argument("--store", type=Path, help="serve this already built store instead of building one")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--skip-segregation", action="store_true", help="skip the cold segregation view")
    p.add_argument("--map", action="append", choices=list(MAPS), help="only these maps (repeatable); default all")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        store = args.store or Path(tmp)
        if not args.store:
            build_from_bundle(args.bundle, store, show_progress=False)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        if not args.skip_segregation:
            segregation_cold(browser, store)
        with serve_locally(store) as base:
            maps(browser, base, current_atlas(store), args.repeat, args.map or list(MAPS))
        browser.close()


if __name__ == "__main__":
    main()
