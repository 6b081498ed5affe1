"""Memory benchmark: a gunicorn worker's resident memory before and after two store rebuilds.

Run: `python -m benchmarks.memory [--bundle DIR]`

One worker serves the app on 127.0.0.1; headless Chromium opens the explore, compare and
segregation views (their callbacks fill the in-process caches), then the store is rebuilt twice
while the worker runs, the views are opened again after each rebuild, and the worker's RSS
(/proc/<pid>/status) is read each time. The baseline, measured in the same run, is the RSS after the
first round. A cache that held the whole `Atlas` of an old store version grows by a store per rebuild.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
from pathlib import Path

from benchmarks import add_bundle_argument
from dashboard.localserver import CHROMIUM, CHROMIUM_FLAGS, serve_locally
from geodata.build import build_from_bundle

VIEWS = {
    "/?level=deso&municipality=1480,1481&indicator=utlandsk_bakgrund&year=2022&area=1480C3050": (
        "() => window.atlas && Object.values(window.atlas.layers).filter(l => l._map).length >= 362"
        " && document.querySelector('#panel .js-plotly-plot .main-svg')"
    ),
    "/compare?areas=1480R044,1490R019,1481R021&indicator=hyresratt&year=2023": (
        "() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2"
    ),
    "/segregation?municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund&year=2022": (
        "() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3"
    ),
}


def worker_pid(port: str) -> int:
    """The gunicorn worker (a gunicorn process whose parent is the gunicorn master on `port`)."""
    procs = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if b"gunicorn" in b" ".join(args) and f"127.0.0.1:{port}".encode() in args:
                procs[int(entry.name)] = parent
    return next(pid for pid, parent in procs.items() if parent in procs)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def visit(browser, base: str) -> None:
    for path, ready in VIEWS.items():
        context = browser.new_context(viewport={"width": 1440, "height": 1100})
        page = context.new_page()
        page.goto(base + path)
        page.wait_for_function(ready, timeout=180_000)
        context.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_bundle_argument(p)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        store = Path(tmp)
        build_from_bundle(args.bundle, store, show_progress=False)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        with serve_locally(store, workers=1) as base:
            pid = worker_pid(base.rsplit(":", 1)[1])
            rows = []
            for round_ in range(3):
                if round_:
                    build_from_bundle(args.bundle, store, show_progress=False)
                    gc.collect()
                visit(browser, base)
                rows.append(rss_mb(pid))
        browser.close()
    print(f"{'worker RSS (MB)':32} {'RSS':>8} {'ratio':>8}")
    for label, value in zip(("first store", "after 1 rebuild", "after 2 rebuilds"), rows, strict=True):
        print(f"{label:32} {value:8.0f} {value / rows[0]:8.3f}")


if __name__ == "__main__":
    main()
