"""Press-kit benchmark: snapshot latency cold and warm, and requests/s of cached embeds and snapshots.

Run: `python -m benchmarks.press [--bundle DIR] [--requests N] [--concurrency C]`

gunicorn serves the app on 127.0.0.1 (2 workers × 4 threads, as the Procfile); a bounded load
generator (N requests, C threads, then stops) measures throughput. The baseline, measured in the same
run, is the same load on /healthz — the fastest the server answers anything.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from benchmarks import add_bundle_argument
from dashboard.localserver import serve_locally
from geodata.build import build_from_bundle

MAP_Q = "level=deso&municipality=1480,1481&indicator=utlandsk_bakgrund&year=2022&lang=sv"
CHART_Q = "areas=1480R044,1490R019,1481R021&indicator=hyresratt&year=2023&chart=bar&lang=sv"


def latency(client: httpx.Client, url: str) -> float:
    t = time.perf_counter()
    r = client.get(url)
    r.raise_for_status()
    return time.perf_counter() - t


def throughput(url: str, n: int, concurrency: int) -> float:
    """Requests per second for n requests from `concurrency` threads (bounded: it stops after n)."""
    with httpx.Client(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:

        def one(_i: int) -> int:
            return client.get(url).status_code

        start = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            codes = list(pool.map(one, range(n)))
        elapsed = time.perf_counter() - start
    assert all(c == 200 for c in codes), set(codes)
    return n / elapsed


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_bundle_argument(p)
    p.add_argument("--requests", type=int, default=400)
    p.add_argument("--concurrency", type=int, default=8)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp)
        build_from_bundle(args.bundle, store, show_progress=False)
        with serve_locally(store) as base:
            rows = []
            with httpx.Client(timeout=120) as client:
                for name, path in (
                    ("map PNG 800×2", f"/snapshot/map.png?{MAP_Q}&width=800&scale=2"),
                    ("map SVG", f"/snapshot/map.svg?{MAP_Q}"),
                    ("chart PNG 800×2", f"/snapshot/chart.png?{CHART_Q}&width=800&scale=2"),
                    ("chart SVG", f"/snapshot/chart.svg?{CHART_Q}"),
                ):
                    # both workers render once each when cold; take the first (cold) and the median of warm
                    cold = latency(client, base + path)
                    latency(client, base + path)
                    warm = statistics.median(latency(client, base + path) for _ in range(10))
                    rows.append((name, cold, warm))
            print(f"{'snapshot latency (ms)':34} {'cold':>10} {'warm':>10} {'warm/cold':>10}")
            for name, cold, warm in rows:
                print(f"{name:34} {cold * 1e3:10.1f} {warm * 1e3:10.2f} {warm / cold:10.4f}")
            base_rps = throughput(base + "/healthz", args.requests, args.concurrency)
            print(
                f"\n{'requests/s (' + str(args.requests) + ' req, ' + str(args.concurrency) + ' threads)':34} "
                f"{'ours':>10} {'/healthz':>10} {'ratio':>10}"
            )
            for name, path in (
                ("embed map (cached)", f"/embed/map?{MAP_Q}"),
                ("map PNG (cached)", f"/snapshot/map.png?{MAP_Q}&width=800&scale=2"),
                ("chart SVG (cached)", f"/snapshot/chart.svg?{CHART_Q}"),
            ):
                rps = throughput(base + path, args.requests, args.concurrency)
                print(f"{name:34} {rps:10.0f} {base_rps:10.0f} {rps / base_rps:10.3f}")


if __name__ == "__main__":
    main()
