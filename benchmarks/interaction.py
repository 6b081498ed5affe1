"""Interaction benchmark in headless Chromium: restyle, the area table, first paints.

Run: `python -m benchmarks.interaction [--bundle DIR] [--repeat N]`

- restyle (a year change), for Göteborg's 320 DeSO and Göteborgsregionen's 584 (all 13
  municipalities): recolouring the drawn areas to the canvas frame after, against the baseline,
  measured in the same page, of what dash-leaflet did on every `hideout` change — clear the GeoJSON
  layer and add every feature again (`clearLayers` + `addData`) to the frame after; and from the
  render callback's response to the last area recoloured (Dash applying the other outputs
  included). Target ≤ 50 ms at 320.
- area table ("Visa som tabell"): from the click to every row written (server round trip included),
  and a restyle with it open (click to the table rewritten). Targets: open ≤ 1 s, restyle ≤ 200 ms.
- first paint of the map (navigation to every area drawn), warm server.
- segregation view, cold: a freshly started server's first visit until its charts are drawn; the
  baseline is the next visit. Target ≤ 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from benchmarks import add_bundle_argument
from dashboard.localserver import CHROMIUM, CHROMIUM_FLAGS, serve_locally
from geodata.build import build_from_bundle

HERE = Path(__file__).resolve().parent
GOTEBORGSREGIONEN = "1480,1481,1482,1440,1489,1401,1384,1441,1462,1402,1415,1419,1407"
MAPS = {"Göteborg": ("1480", 320), "Göteborgsregionen": (GOTEBORGSREGIONEN, 584)}
SEGREGATION = (
    "/segregation?municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund&year=2022"
    "&level=deso&lang=sv"
)
# Record when each response of the callback that carries the map's colours arrives.
RESPONSES = """(() => { const original = window.fetch; window.__styleResponses = [];
  window.fetch = function (input, init) { const answer = original.apply(this, arguments);
    if (init && typeof init.body === 'string' && init.body.includes('map-style.data'))
      answer.then(() => window.__styleResponses.push(performance.now()));
    return answer; }; })()"""
DRAWN = (
    "(n) => window.atlas && window.atlas.restyled && Object.values(window.atlas.layers).filter(l => l._map).length >= n"
)
RESTYLED_AFTER = "(i) => window.__styleResponses.length > i && window.atlas.restyled.at > window.__styleResponses[i]"
OPEN_TABLE = "() => { document.querySelector('#area-table-summary').click(); return performance.now(); }"
READD = """async () => { const any = Object.values(window.atlas.layers).find(l => l._map);
  const group = Object.values(any._eventParents)[0];
  const data = {type: 'FeatureCollection', features: group.getLayers().map(l => l.feature)};
  const t0 = performance.now(); group.clearLayers(); group.addData(data);
  await new Promise(r => requestAnimationFrame(r)); return performance.now() - t0; }"""


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def restyles(page, repeat: int, table_open: bool = False) -> tuple[float, float]:
    """Median ms from the colours' response to recoloured, of recolouring alone (to the frame after),
    and from the click to the table rewritten."""
    to_colour, recolour, to_table = [], [], []
    for _ in range(repeat):
        year = "2025" if page.locator("#year input[value='2024']").is_checked() else "2024"
        seen = page.evaluate("() => window.__styleResponses.length")
        drawn = page.evaluate("() => (window.atlas.table.drawn || {}).at || 0")
        clicked = page.evaluate("() => performance.now()")
        page.locator("#year label", has_text=year).click()
        page.wait_for_function(RESTYLED_AFTER, arg=seen, timeout=60_000)
        to_colour.append(page.evaluate(f"() => window.atlas.restyled.at - window.__styleResponses[{seen}]"))
        recolour.append(page.evaluate("() => window.atlas.restyled.at - window.atlas.restyled.started"))
        if table_open:
            page.wait_for_function(f"() => (window.atlas.table.drawn || {{}}).at > {drawn}", timeout=60_000)
            to_table.append(page.evaluate("() => window.atlas.table.drawn.at") - clicked)
    return med(to_colour), med(recolour), med(to_table)


def maps(browser, base: str, repeat: int) -> None:
    print(f"{'explore map (ms)':44} {'ours':>10} {'baseline':>10} {'ratio':>8}")
    for name, (munis, n) in MAPS.items():
        path = f"/?level=deso&municipality={munis}&indicator=utlandsk_bakgrund&year=2025"
        context = browser.new_context(viewport={"width": 1440, "height": 1100})
        context.add_init_script(RESPONSES)
        page = context.new_page()
        page.goto(base + path)  # warms the server's caches for this view
        page.wait_for_function(DRAWN, arg=n, timeout=120_000)
        paints = []
        for _ in range(repeat):
            page.goto(base + path)
            page.wait_for_function(DRAWN, arg=n, timeout=120_000)
            paints.append(page.evaluate("() => performance.now()"))
        page.wait_for_load_state("networkidle")
        ours, recolour, _ = restyles(page, repeat)
        readd = med([page.evaluate(READD) for _ in range(repeat)])
        page.wait_for_function(DRAWN, arg=n)
        print(f"{f'restyle, {name} ({n} areas): recolour':44} {recolour:10.1f} {readd:10.1f} {recolour / readd:8.3f}")
        print(f"{'  callback response to recoloured':44} {ours:10.1f}")
        print(f"{f'first paint, {name}':44} {med(paints):10.0f}")
        clicked = page.evaluate(OPEN_TABLE)
        page.wait_for_function(
            f"() => document.querySelectorAll('#area-table tbody tr').length >= {n}", timeout=120_000
        )
        opened = page.evaluate("() => window.atlas.table.drawn.at") - clicked
        with_table, _, table_after = restyles(page, repeat, table_open=True)
        print(f"{f'table open, {name}':44} {opened:10.0f}")
        print(f"{f'restyle with table open, {name}':44} {with_table:10.1f}")
        print(f"{f'  click to table rewritten, {name}':44} {table_after:10.0f}")
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
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        store = args.store or Path(tmp)
        if not args.store:
            build_from_bundle(args.bundle, store, show_progress=False)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        if not args.skip_segregation:
            segregation_cold(browser, store)
        with serve_locally(store) as base:
            maps(browser, base, args.repeat)
        browser.close()


if __name__ == "__main__":
    main()
