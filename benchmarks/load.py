"""Load benchmark: a bounded loopback load generator over a realistic mix, and what it costs the workers.

Run: `python -m benchmarks.load [--clients 64] [--seconds 60] [--workers 2] [--threads 4] [--baseline-tree DIR]`

gunicorn serves the app on 127.0.0.1 from a store built from the reference bundle. `--clients` threads
each send requests back to back for `--seconds` (then stop) drawn from the mix a newsroom night brings:
pages (shell and layout), restyle callbacks (indicator/year changes), embeds, snapshots, downloads and
map geometry. It prints per kind: requests, errors, p50/p95/p99; overall throughput and the workers' CPU
per request; worker memory (USS/PSS) idle, after 100 distinct snapshot requests, and after the load; the
most CPU one request took
(alone, in the worker and its Chromium); and, measured in the same run, `/healthz`-only throughput — the
fastest the server answers anything. `--baseline-tree` serves another checkout (e.g. `git archive` of the
branch point) under the same load, for a ratio against today's code.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
import psutil

from benchmarks import add_bundle_argument
from dashboard.localserver import serve_process
from geodata.build import build_from_bundle
from geodata.queries import current_atlas

HERE = Path(__file__).resolve().parent.parent
MUNICIPALITIES = ["1480", "1481", "1490", "1480,1481", "1482", "1480,1481,1490"]  # each has DeSO shapes
INDICATORS = ["utlandsk_bakgrund", "hyresratt", "bostadsratt", "eftergymnasial", "befolkning", "andel_65_plus"]
AREAS = ["1480R044,1490R019,1481R021", "1480R044,1481R021", "1490R019,1480R010"]
MIX = {  # kind → weight
    "page": 10,
    "layout": 10,
    "restyle": 30,
    "geometry": 5,
    "embed": 10,
    "snapshot": 15,
    "download": 10,
    "oembed": 5,
    "segregation": 5,
}


def workers(master: subprocess.Popen) -> list[psutil.Process]:
    return psutil.Process(master.pid).children()


def memory(master: subprocess.Popen) -> str:
    """USS and PSS of each worker, in MB."""
    out = []
    for w in workers(master):
        info = w.memory_full_info()
        out.append(f"{info.uss / 2**20:.0f}/{info.pss / 2**20:.0f}")
    return "USS/PSS MB per worker: " + ", ".join(out)


def max_uss(master: subprocess.Popen) -> float:
    return max(w.memory_full_info().uss for w in workers(master)) / 2**20


def cpu_seconds(master: subprocess.Popen) -> float:
    """CPU time of every worker and its children (kaleido's Chromium)."""
    total = 0.0
    for w in workers(master):
        for p in (w, *w.children(recursive=True)):
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.NoSuchProcess:
                pass
    return total


def outputs(spec: str) -> list[str]:
    """`..a.b...c.d..` (Dash's multi-output id) → ["a.b", "c.d"]."""
    return spec.strip(".").split("...") if spec.startswith("..") else [spec]


def restyle_spec(url: str) -> dict:
    """The explore map's render callback as the server registers it (`/_dash-dependencies`): the callback
    that redraws the legend from the view's state. Read from each server, so a baseline tree with other
    outputs is loaded with the body its own renderer would send (a stale body would only measure 400s)."""
    deps = httpx.get(f"{url}/_dash-dependencies", timeout=30).json()
    return next(
        d
        for d in deps
        if "legend.children" in outputs(d["output"]) and {"id": "state", "property": "data"} in d["inputs"]
    )


PUBLISHED = 12  # maps the press has published: embeds, snapshots and downloads are of these


class Mix:
    """Draws requests of the mix: (kind, method, path, json body, headers). Readers restyle freely; the
    press kit's requests are for the few maps that were published (the same for every client)."""

    def __init__(self, atlas, rng: random.Random, restyle: dict) -> None:
        self.rng = rng
        self.spec = restyle
        self.version = atlas.version
        self.years = {i: atlas.years(i, "deso") or atlas.years(i, "regso") for i in INDICATORS}
        published = random.Random(0)
        self.published = [self.query(published) for _ in range(PUBLISHED)]

    def state(self, rng: random.Random | None = None) -> dict:
        rng = rng or self.rng
        ind = rng.choice(INDICATORS)
        return {
            "level": "deso",
            "municipalities": rng.choice(MUNICIPALITIES).split(","),
            "indicator": ind,
            "year": rng.choice(self.years[ind]),
            "classes": rng.choice(["quantiles", "fisher_jenks", "equal_interval"]),
            "area": None,
            "lang": "sv",
            "layer": "values",
        }

    def restyle(self, state: dict) -> dict:
        """The body Dash's renderer posts when the explore state changes (the server's own callback spec)."""
        spec = self.spec

        def values(deps: list[dict]) -> list[dict]:
            return [{**d, "value": state if d["id"] == "state" else None} for d in deps]

        return {
            "output": spec["output"],
            "outputs": [dict(zip(("id", "property"), o.split("."), strict=True)) for o in outputs(spec["output"])],
            "inputs": values(spec["inputs"]),
            "state": values(spec["state"]),
            "changedPropIds": ["state.data"],
        }

    def query(self, rng: random.Random | None = None) -> str:
        s = self.state(rng)
        munis = ",".join(s["municipalities"])
        return f"level={s['level']}&municipality={munis}&indicator={s['indicator']}&year={s['year']}"

    def draw(self) -> tuple[str, str, str, dict | None, dict]:
        kind = self.rng.choices(list(MIX), weights=list(MIX.values()))[0]
        q = self.query() if kind in ("page", "layout") else self.rng.choice(self.published)
        if kind == "page":
            path = self.rng.choice([f"/?{q}", f"/compare?areas={self.rng.choice(AREAS)}", "/segregation"])
            return kind, "GET", path, None, {}
        if kind == "layout":
            return kind, "GET", "/_dash-layout", None, {"Referer": f"http://127.0.0.1/?{q}"}
        if kind == "restyle":
            return kind, "POST", "/_dash-update-component", self.restyle(self.state()), {}
        if kind == "geometry":
            munis = ",".join(sorted(self.rng.choice(MUNICIPALITIES).split(",")))
            return kind, "GET", f"/geo/{self.version}/deso/2025/{munis}.geojson", None, {"Accept-Encoding": "gzip"}
        if kind == "embed":
            return kind, "GET", f"/embed/map?{q}&width={self.rng.choice([600, 800])}", None, {}
        if kind == "snapshot":
            fmt = self.rng.choice(["png", "svg"])
            if self.rng.random() < 0.3:
                path = f"/snapshot/chart.{fmt}?areas={self.rng.choice(AREAS)}&indicator=hyresratt&chart=bar"
            else:
                path = f"/snapshot/map.{fmt}?{q}&width={self.rng.choice([600, 800, 1200])}&scale=2"
            return kind, "GET", path, None, {}
        if kind == "download":
            return kind, "GET", f"/download/map.{self.rng.choice(['csv', 'csv', 'geojson'])}?{q}", None, {}
        if kind == "oembed":
            return kind, "GET", "/oembed", None, {"X-Query": f"http://127.0.0.1:8050/?{q}"}
        return kind, "GET", f"/segregation?municipality={self.rng.choice(MUNICIPALITIES)}", None, {}


def run_load(url: str, mix_for_thread, clients: int, seconds: float) -> tuple[dict, float]:
    """`clients` threads send back-to-back requests for `seconds`; returns per-kind latencies/errors, elapsed."""
    results: dict[str, list] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        mix = mix_for_thread(i)
        with httpx.Client(base_url=url, timeout=60) as http:
            while time.monotonic() < stop:
                kind, method, path, body, headers = mix.draw()
                params = None
                if "X-Query" in headers:
                    params = {"url": headers.pop("X-Query"), "maxwidth": "600"}
                t = time.perf_counter()
                try:
                    r = http.request(method, path, json=body, headers=headers, params=params)
                    err = f"{r.status_code} {path[:80]}" if r.status_code >= 500 else None
                    refused = r.status_code >= 400 and err is None
                except httpx.HTTPError as exc:
                    err, refused = f"{type(exc).__name__} {path[:80]}", False
                took = time.perf_counter() - t
                with lock:
                    results[kind].append(took)
                    if err:
                        errors[kind].append(err)
                    if refused:
                        errors["4xx"].append(f"{r.status_code} {path[:60]}")

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"latency": results, "errors": errors}, time.perf_counter() - start


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else (values[0] if values else 0.0)


def report(name: str, res: dict, elapsed: float) -> float:
    lat, errs = res["latency"], res["errors"]
    refused = errs.pop("4xx", [])
    total = sum(len(v) for v in lat.values())
    every = [x for v in lat.values() for x in v]
    print(
        f"\n{name}: {total} requests in {elapsed:.0f} s = {total / elapsed:.1f} req/s, "
        f"{sum(len(v) for v in errs.values())} errors (5xx, timeouts), {len(refused)} answered 4xx; "
        f"over the mix p50 {pct(every, 50):.2f} s, "
        f"p95 {pct(every, 95):.2f} s, p99 {pct(every, 99):.2f} s"
    )
    print(f"  {'kind':<12}{'requests':>9}{'errors':>8}{'p50 s':>8}{'p95 s':>8}{'p99 s':>8}")
    for kind in MIX:
        v = lat.get(kind, [])
        print(
            f"  {kind:<12}{len(v):>9}{len(errs.get(kind, [])):>8}{pct(v, 50):>8.2f}{pct(v, 95):>8.2f}{pct(v, 99):>8.2f}"
        )
    for kind, e in errs.items():
        print(f"  errors ({kind}): {sorted(set(e))[:5]}")
    return total / elapsed


def healthz_rate(url: str, clients: int, seconds: float) -> float:
    class Health:
        def draw(self):
            return "healthz", "GET", "/healthz", None, {}

    res, elapsed = run_load(url, lambda i: Health(), clients, seconds)
    return sum(len(v) for v in res["latency"].values()) / elapsed


def heaviest_request(url: str, master: subprocess.Popen, every: str) -> None:
    """CPU seconds of single expensive requests sent alone (the worker's and its Chromium's CPU)."""
    heavy = [
        f"/snapshot/segregation.png?municipality={every}&width=2400&scale=3",
        f"/snapshot/map.png?municipality={every}&level=kommun&width=2400&scale=3",
        f"/download/map.gpkg?municipality={every}&level=regso",
        f"/embed/segregation?municipality={every}",
        f"/snapshot/map.png?municipality={every}&width=2000&scale=2",
    ]
    worst = 0.0
    with httpx.Client(base_url=url, timeout=120) as http:
        for path in heavy:
            before = cpu_seconds(master)
            t = time.perf_counter()
            code = http.get(path).status_code
            cpu = cpu_seconds(master) - before
            worst = max(worst, cpu)
            print(f"  {code} {cpu:5.1f} CPU-s {time.perf_counter() - t:5.1f} s  {path[:70]}…")
    print(f"  most CPU for one request: {worst:.1f} CPU-s (target ≤ 5)")


def snapshots_memory(url: str, master: subprocess.Popen, mix: Mix) -> None:
    """Worker memory after 100 distinct snapshot requests, against its idle figure once warm (a request of
    every kind served: fonts, shapes and Chromium loaded)."""
    run_load(url, lambda i: mix, 1, 5)
    idle = max_uss(master)
    seen: set[str] = set()
    with httpx.Client(base_url=url, timeout=120) as http:
        while len(seen) < 100:
            path = f"/snapshot/map.png?{mix.query()}&width={mix.rng.choice([400, 600, 800, 1000, 1200])}&scale=2"
            if path in seen:
                continue
            seen.add(path)
            http.get(path)
    after = max_uss(master)
    print(
        f"  worker USS idle {idle:.0f} MB, after 100 distinct snapshots {after:.0f} MB = {after / idle:.2f}× "
        "(target ≤ 1.5×; idle target ≤ 300 MB)"
    )


def serve_and_measure(name: str, store: Path, tree: Path, args) -> float:
    atlas = current_atlas(store)
    every = ",".join(sorted(atlas.municipality_codes()))
    procfile = ("--preload", "--graceful-timeout", "30")  # as the Procfile serves it
    with serve_process(store, workers=args.workers, threads=args.threads, project=tree, extra=procfile) as (
        url,
        master,
    ):
        print(f"\n=== {name} ({tree}) on {url}, {args.workers} workers × {args.threads} threads")
        print("  idle " + memory(master))
        spec = restyle_spec(url)
        if name == "this tree":
            snapshots_memory(url, master, Mix(atlas, random.Random(1), spec))
            print("  " + memory(master))
            heaviest_request(url, master, every)
        health = healthz_rate(url, args.clients, min(args.seconds, 15))
        before = cpu_seconds(master)
        res, elapsed = run_load(url, lambda i: Mix(atlas, random.Random(i), spec), args.clients, args.seconds)
        cpu = cpu_seconds(master) - before
        rate = report(f"{name}: the mix, {args.clients} clients × {args.seconds:.0f} s", res, elapsed)
        print(
            f"  the workers' CPU over the mix: {cpu:.0f} CPU-s = {1000 * cpu / (rate * elapsed):.1f} ms a request "
            f"(of {(os.cpu_count() or 1) * elapsed:.0f} core-seconds; the rest: the load generator, other processes)"
        )
        print(f"  /healthz only, same server: {health:.1f} req/s; the mix is {rate / health:.2%} of it")
        print("  after the load " + memory(master))
        return rate


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_bundle_argument(p)
    p.add_argument("--clients", type=int, default=64)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--baseline-tree", type=Path, help="another checkout to serve under the same load")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        build_from_bundle(args.bundle, store, show_progress=False)
        ours = serve_and_measure("this tree", store, HERE, args)
        if args.baseline_tree:
            base = serve_and_measure("baseline", store, args.baseline_tree.resolve(), args)
            print(
                f"\nthroughput: {ours:.1f} req/s against the baseline's {base:.1f} = {ours / base:.1f}× (target ≥ 4×)"
            )


if __name__ == "__main__":
    main()
