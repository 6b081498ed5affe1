"""Store benchmark: build time and values-query latency, each beside a baseline measured in the same run.

Run: `python -m benchmarks.store [--bundle DIR] [--repeat N]`

- build: `python -m geodata build` from the bundle vs. the baseline of reading the bundle's three
  statistics CSVs with pandas (the least any build must do).
- query: `Atlas.values` for every DeSO of Göteborgsregionen (2025) vs. the baseline of reading the same
  rows from the bundle's CSV with pandas and filtering them — what a user would do without a store.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks import add_bundle_argument
from geodata.build import build_from_bundle
from geodata.queries import Atlas
from geodata.sources.bundle import STATISTICS_FILES
from geodata.store import open_store

# The 13 municipalities of Göteborgsregionen.
GR = ["1384", "1401", "1402", "1407", "1415", "1419", "1440", "1441", "1462", "1480", "1481", "1482", "1489"]


def timed(fn, repeat: int) -> tuple[float, object]:
    """Median wall time in seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_bundle_argument(p)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()

    def baseline_read() -> int:
        return sum(len(pd.read_csv(args.bundle / rel, dtype={"region_code": str})) for rel in STATISTICS_FILES)

    with tempfile.TemporaryDirectory() as tmp:
        base_build, _ = timed(baseline_read, args.repeat)
        build, _ = timed(
            lambda: build_from_bundle(args.bundle, Path(tmp), show_progress=False), max(1, args.repeat // 2)
        )
        atlas = Atlas(open_store(Path(tmp)))

        def store_query() -> int:
            return len(atlas.values("utlandsk_bakgrund", "deso", 2025, GR))

        def baseline_query() -> int:
            raw = pd.read_csv(args.bundle / "statistics/deso2025_2024_2025.csv", dtype={"region_code": str})
            hit = raw[
                (raw["variable"] == "andel_utlandsk_bakgrund_pct")
                & (raw["year"] == 2025)
                & raw["region_code"].str[:4].isin(GR)
            ]
            return len(hit)

        query, n_store = timed(store_query, args.repeat * 20)
        base_query, n_base = timed(baseline_query, args.repeat)

    print(f"{'measure':44} {'ours':>10} {'baseline':>10} {'ratio':>8}")
    print(f"{'build store from bundle (s) vs read CSVs':44} {build:10.3f} {base_build:10.3f} {build / base_build:8.2f}")
    print(
        f"{'values query, GR DeSO 2025 (ms) vs CSV':44} {query * 1e3:10.2f} {base_query * 1e3:10.2f} "
        f"{query / base_query:8.3f}"
    )
    print(
        f"rows: store {n_store} areas (all DeSO shapes/codes in GR; Kungsbacka has no 2025 statistics), "
        f"CSV {n_base} rows with a value"
    )


if __name__ == "__main__":
    main()
