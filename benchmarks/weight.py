"""Page-weight benchmark: bytes on the wire per view in Chromium, and Lighthouse scores.

Run: `python -m benchmarks.weight [--bundle DIR] [--no-lighthouse] [--by-url]`

- bytes: headless Chromium loads each view on 127.0.0.1 until it is drawn and the network is idle,
  and sums what crossed the wire (CDP `encodedDataLength`, headers included). The baseline, measured
  in the same run, is the same load asking for no content encoding (`Accept-Encoding: identity`):
  what every response weighs uncompressed. Measured warm: after a first load, and after the server
  holds its highest-level copy of every static file that load fetched (`dashboard.compression`; one
  worker, so that one copy is all there is). Targets: explore ≤ 400 kB, compare and segregation
  ≤ 700 kB, /embed/map ≤ 150 kB.
- Lighthouse (mobile, its default): performance, accessibility and SEO of the same four pages; targets
  performance ≥ 90, accessibility 100, SEO ≥ 90; the failing audits are named under each page. Install
  it once where the benchmark looks (gitignored, never committed):
  `npm install --prefix benchmarks lighthouse`. Without it the benchmark says so and skips the scores.
- `--by-url`: where the bytes go, every response of each page's compressed load (wire bytes, body bytes
  before decoding, content encoding, URL), largest first.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import httpx

from benchmarks import add_bundle_argument
from dashboard.compression import STATIC_PREFIXES
from dashboard.localserver import CHROMIUM, CHROMIUM_FLAGS, serve_locally
from geodata.build import build_from_bundle

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
MAP_DRAWN = "() => window.atlas && Object.values(window.atlas.layers).filter(l => l._map).length >= {n}"
GRAPHS_DRAWN = "() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {n}"
PAGES = {
    "explore": ("/?municipality=1480&indicator=utlandsk_bakgrund&year=2025", MAP_DRAWN.format(n=320), 400),
    "compare": (
        "/compare?areas=1480R044,1490R019,1481R021&indicator=hyresratt&year=2023&lang=sv",
        GRAPHS_DRAWN.format(n=2),
        700,
    ),
    "segregation": (
        "/segregation?municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund&year=2022"
        "&level=deso&lang=sv",
        GRAPHS_DRAWN.format(n=3),
        700,
    ),
    "embed/map": (
        "/embed/map?level=deso&municipality=1480,1481&indicator=utlandsk_bakgrund&year=2022&lang=sv",
        "() => { const i = document.querySelector('img'); return i && i.complete && i.naturalWidth > 0 }",
        150,
    ),
}


def responses(browser, url: str, ready: str, compressed: bool) -> list[tuple[int, int, str, str]]:
    """(wire bytes, decoded body bytes, content encoding, URL) of every response received loading `url` in a
    fresh context until `ready` holds and the network is idle."""
    context = browser.new_context(viewport={"width": 1440, "height": 1100})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if not compressed:
        cdp.send("Network.setExtraHTTPHeaders", {"headers": {"Accept-Encoding": "identity"}})
    seen: dict[str, dict] = {}
    cdp.on("Network.responseReceived", lambda e: seen.setdefault(e["requestId"], {}).update(response=e["response"]))
    cdp.on(
        "Network.dataReceived",
        lambda e: seen.setdefault(e["requestId"], {}).update(
            body=seen.get(e["requestId"], {}).get("body", 0) + int(e["dataLength"])
        ),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: seen.setdefault(e["requestId"], {}).update(wire=int(e["encodedDataLength"])),
    )
    page.goto(url)
    page.wait_for_function(ready, timeout=120_000)
    page.wait_for_load_state("networkidle")
    context.close()
    rows = []
    for r in seen.values():
        if "wire" not in r:
            continue
        response = r.get("response", {})
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        rows.append((r["wire"], r.get("body", 0), headers.get("content-encoding", "-"), response.get("url", "?")))
    return rows


def warm(browser, url: str, ready: str) -> None:
    """Load `url` once, then wait until the server answers every static file that load fetched with its
    highest-level brotli copy (made in the background after the first request)."""
    static = [u for *_, u in responses(browser, url, ready, True) if urlsplit(u).path.startswith(STATIC_PREFIXES)]
    with httpx.Client(timeout=60) as client:
        for u in static:
            best = len(brotli.compress(client.get(u, headers={"Accept-Encoding": "identity"}).content, quality=11))
            deadline = time.monotonic() + 120
            while int(client.get(u, headers={"Accept-Encoding": "br"}).headers["content-length"]) != best:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{u} never arrived at brotli's highest level")
                time.sleep(0.2)  # poll the server's background compression


def wire_bytes(browser, url: str, ready: str, compressed: bool) -> int:
    """Bytes received loading `url` in a fresh context until `ready` holds and the network is idle."""
    return sum(wire for wire, *_ in responses(browser, url, ready, compressed))


def by_url(base: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name, (path, ready, _target) in PAGES.items():
            warm(browser, base + path, ready)
            rows = sorted(responses(browser, base + path, ready, True), reverse=True)
            print(f"{name}: {sum(r[0] for r in rows) / 1000:.0f} kB in {len(rows)} responses")
            print(f"{'wire kB':>9} {'body kB':>9} {'enc':>5}  url")
            for wire, body, encoding, url in rows:
                print(f"{wire / 1000:9.1f} {body / 1000:9.1f} {encoding:>5}  {url.removeprefix(base)[:110]}")
        browser.close()


def weights(base: str) -> None:
    from playwright.sync_api import sync_playwright

    print(f"{'bytes on the wire (kB)':28} {'gzip/br':>10} {'identity':>10} {'ratio':>8} {'target':>8}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name, (path, ready, target) in PAGES.items():
            warm(browser, base + path, ready)  # measure transfer, not renders or compression
            ours = wire_bytes(browser, base + path, ready, True) / 1000
            plain = wire_bytes(browser, base + path, ready, False) / 1000
            flag = "ok" if ours <= target else "OVER"
            print(f"{name:28} {ours:10.0f} {plain:10.0f} {ours / plain:8.3f} {target:6d} {flag}")
        browser.close()


def lighthouse(base: str) -> None:
    if not LIGHTHOUSE.exists():
        print(f"Lighthouse: not installed at {LIGHTHOUSE}; run `npm install --prefix benchmarks lighthouse`")
        return
    print(f"{'Lighthouse (mobile)':28} {'perf':>10} {'a11y':>10} {'seo':>10}")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    flags = " ".join(f for f in CHROMIUM_FLAGS if f != "--headless") + " --headless=new"
    for name, (path, _ready, _target) in PAGES.items():
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            proc = subprocess.run(
                [
                    str(LIGHTHOUSE),
                    base + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={out.name}",
                    "--only-categories=performance,accessibility,seo",
                    f"--chrome-flags={flags}",
                ],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if proc.returncode:
                print(f"{name:28} failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            report = json.loads(Path(out.name).read_text())
        cats = report["categories"]
        perf, a11y, seo = (round(cats[c]["score"] * 100) for c in ("performance", "accessibility", "seo"))
        verdict = "ok" if perf >= 90 and a11y == 100 and seo >= 90 else "UNDER TARGET"
        print(f"{name:28} {perf:10d} {a11y:10d} {seo:10d} {verdict}")
        for category in ("accessibility", "seo"):
            failing = [
                ref["id"]
                for ref in cats[category]["auditRefs"]
                if ref.get("weight") and (report["audits"][ref["id"]].get("score") or 0) < 1
            ]
            if failing:
                print(f"{'':28} {category} audits failing: {', '.join(failing)}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_bundle_argument(p)
    p.add_argument("--store", type=Path, help="serve this already built store instead of building one")
    p.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse scores")
    p.add_argument("--by-url", action="store_true", help="only list every response of each page, largest first")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp)
        if not args.store:
            build_from_bundle(args.bundle, store, show_progress=False)
        with serve_locally(store, workers=1) as base:
            if args.by_url:
                by_url(base)
                return
            weights(base)
            if not args.no_lighthouse:
                lighthouse(base)


if __name__ == "__main__":
    main()
