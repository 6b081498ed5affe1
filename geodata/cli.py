"""`python -m geodata`: build the store, print values, describe the store and the catalogue.

Exit codes: 0 done, 1 other failure, 2 wrong usage (unknown indicator, level, year, municipality),
3 source missing or malformed, 4 no store built yet.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pandas as pd

from geodata import config
from geodata.catalog import load_catalogue
from geodata.errors import GeodataError, UsageError
from geodata.levels import LEVELS
from geodata.measures import MEASURE_INFO


def _municipalities(text: str | None) -> list[str] | None:
    if not text:
        return None
    codes = [c.strip() for c in text.split(",") if c.strip()]
    bad = [c for c in codes if not (len(c) == 4 and c.isdigit())]
    if bad:
        raise UsageError(f"municipality codes are four digits (e.g. 1480,1481); got {', '.join(bad)}")
    return codes


def cmd_build(args: argparse.Namespace) -> int:
    from geodata.build import build_from_bundle

    bundle = args.source or config.bundle_dir()
    if bundle is None:
        raise UsageError("name the reference bundle with --from DIR (or set GEODATA_BUNDLE)")
    store = Path(args.store or config.store_dir())
    version = build_from_bundle(Path(bundle), store, show_progress=False if args.quiet else None)
    print(f"store {store} now serves version {version}", file=sys.stderr)
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from geodata.build import build_from_scb
    from geodata.sources.http import ScbHttp
    from geodata.sources.scb_live import Scope, default_cache, parse_years

    if args.all_sweden and (args.municipality or args.county):
        raise UsageError("--all-sweden fetches everything; leave out --municipality and --county")
    if not (args.all_sweden or args.municipality or args.county):
        raise UsageError("say what to fetch: --municipality 1480,1481, --county 14 or --all-sweden")
    counties = [c.strip() for c in (args.county or "").split(",") if c.strip()]
    if any(not (len(c) == 2 and c.isdigit()) for c in counties):
        raise UsageError(f"county codes are two digits (e.g. 14); got {args.county}")
    scope = Scope(tuple(_municipalities(args.municipality) or ()), tuple(counties))
    store = Path(args.store or config.store_dir())
    http = ScbHttp(
        Path(args.cache) if args.cache else default_cache(),
        refresh=args.refresh,
        timeout=args.timeout,
        attempts=args.attempts,
    )
    reports: list = []
    try:
        version, reports = build_from_scb(
            scope,
            parse_years(args.years),
            store,
            http,
            show_progress=False if args.quiet else None,
            years_text=args.years,
        )
    finally:
        print_fetch_summary(http, reports)
        http.close()
    print(f"store {store} now serves version {version}", file=sys.stderr)
    return 0


def print_fetch_summary(http, reports: list) -> None:
    """What a fetch did: calls downloaded and cached, retries, tables fetched and skipped."""
    s = http.stats
    print(f"SCB: {s.downloaded} downloaded, {s.from_cache} from cache, {s.retries} retries", file=sys.stderr)
    for report in reports:
        for name, what in {**report.tables, **report.layers}.items():
            print(f"  ok       {name}: {what}", file=sys.stderr)
        for name, why in report.skipped.items():
            print(f"  skipped  {name}: {why}", file=sys.stderr)


def _format(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:.10g}"


def cmd_values(args: argparse.Namespace) -> int:
    from geodata.queries import current_atlas

    atlas = current_atlas(Path(args.store) if args.store else None)
    frame = atlas.values(args.indicator, args.level, args.year, _municipalities(args.municipality))
    if args.format == "json":
        rows = [
            {"code": r.code, "name": r.name, "value": None if math.isnan(r.value) else r.value}
            for r in frame.itertuples()
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        out = frame[["code", "name"]].assign(value=frame["value"].map(_format))
        out.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from geodata.areacodes import level_of_code
    from geodata.queries import current_atlas

    atlas = current_atlas(Path(args.store) if args.store else None)
    atlas.catalogue.get(args.indicator)
    code = args.area.strip()
    level = level_of_code(code)
    if level is None or not atlas.has_area_any(code, level):
        raise UsageError(
            f"unknown area code {code!r} (a DeSO like 1480C3050, a RegSO like 1480R044, a kommun like 1480)"
        )
    frame = atlas.history(code, level, [args.indicator])
    if frame.empty:
        have = ", ".join(sorted(set(atlas.history(code, level)["indicator"]))) or "none"
        raise UsageError(f"{code} has no values of {args.indicator}; its indicators: {have}")
    out = pd.DataFrame(
        {
            "year": frame["year"].astype(int),
            "value": frame["value"],
            "edition": frame["edition"],
            "join": frame["join"],
            "source_code": frame["source_code"],
            "reason": frame["reason"],
        }
    )
    if args.format == "json":
        rows = [{**r, "value": None if math.isnan(r["value"]) else r["value"]} for r in out.to_dict(orient="records")]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        out.assign(value=out["value"].map(_format)).to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def cmd_measures(args: argparse.Namespace) -> int:
    from geodata.queries import current_atlas

    atlas = current_atlas(Path(args.store) if args.store else None)
    frame = atlas.measures(args.measure, args.group, args.year, args.level, _municipalities(args.municipality))
    out = pd.DataFrame(
        {
            "kommun": frame["kommun"],
            "name": frame["name"],
            "year": frame["year"],
            "value": frame["value"].map(lambda v: f"{v:.4f}"),
            "low": frame["low"].map(lambda v: f"{v:.4f}"),
            "high": frame["high"].map(lambda v: f"{v:.4f}"),
            "n_areas": frame["n_areas"],
            "population": frame["population"].astype(int),
        }
    )
    if args.format == "json":
        json.dump(
            json.loads(out.to_json(orient="records", force_ascii=False)), sys.stdout, ensure_ascii=False, indent=1
        )
        sys.stdout.write("\n")
    else:
        out.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from geodata.queries import current_atlas

    atlas = current_atlas(Path(args.store) if args.store else None)
    m = atlas.store.manifest
    print(f"version     {m['version']}  (built {m['built_at']})")
    print(f"source      {m['source']}")
    print(f"rows        {m['rows']}")
    print(f"boundaries  {m['boundaries']}")
    for name, info in m["editions"].items():
        drawable, of = info["drawable"], info["codes_in_drawn_municipalities"]
        print(f"{name}: {drawable} of {of} codes can be drawn (SCB's change log)")
    for name, count in m.get("derived_boundaries", {}).items():
        print(f"{name}: {count} shapes derived from their DeSO (a RegSO is the union of its DeSO)")
    crosswalk = m.get("crosswalk", {})
    for scope, label in (("sweden", "all of Sweden"), ("with_shapes", "municipalities with DeSO shapes")):
        for level, counts in crosswalk.get(scope, {}).items():
            listed = ", ".join(f"{name} {n}" for name, n in counts.items())
            print(f"{level} 2018 → 2025, {label}: {listed}")
    return 0


def _years_text(years: list[int]) -> str:
    """2010, 2022–2023: runs of consecutive years joined with an en dash."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def coverage_text(ind) -> str:
    """Where an indicator's figures come from: each source's areas and years, e.g. 'DeSO 2018: 2022'."""
    from geodata.levels import vintage_label

    parts: dict[str, list[int]] = {}
    for src in ind.sources:
        label = vintage_label(src.level, src.edition)
        parts.setdefault(label, []).extend(range(src.years[0], src.years[1] + 1))
    return "; ".join(f"{label}: {_years_text(years)}" for label, years in parts.items())


def indicators_markdown(lang: str = "sv") -> str:
    """The catalogue as a Markdown table, for the README (a test keeps the two in step). `publicerat`
    says which areas and years SCB's figures cover in the configured sources; `nivåer` where counts let
    them be summed up."""
    catalogue = load_catalogue()
    lines = [
        "| id | indikator | enhet | publicerat (områden: år) | nivåer | SCB-tabell |",
        "|---|---|---|---|---|---|",
    ]
    for ind in catalogue.indicators:
        lines.append(
            f"| `{ind.id}` | {ind.name[lang]} | {ind.unit} | {coverage_text(ind)} | {', '.join(ind.levels())} "
            f"| {'; '.join(ind.tables)} |"
        )
    return "\n".join(lines)


def cmd_indicators(args: argparse.Namespace) -> int:
    if args.markdown:
        print(indicators_markdown(args.lang))
        return 0
    catalogue = load_catalogue()
    for ind in catalogue.indicators:
        levels = ", ".join(ind.levels())
        print(f"{ind.id:24} {ind.name[args.lang]} [{ind.unit}]  {'; '.join(ind.tables)}  ({levels})")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="geodata", description="The atlas's data store: build it, query it.")
    p.add_argument("--store", help="store directory (default: $GEODATA_STORE or ./data/store)")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the store from SCB's reference bundle")
    b.add_argument("--from", dest="source", help="the bundle directory (default: $GEODATA_BUNDLE)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=cmd_build)

    f = sub.add_parser("fetch", help="fetch statistics and boundaries live from SCB and build the store")
    f.add_argument("--municipality", help="comma-separated municipality codes, e.g. 1480,1481,1490")
    f.add_argument("--county", help="comma-separated county codes, e.g. 14")
    f.add_argument("--all-sweden", action="store_true", help="every area in Sweden")
    f.add_argument("--years", default="2015-2025", help="years, e.g. 2015-2025 or 2022,2024 (default 2015-2025)")
    f.add_argument("--refresh", action="store_true", help="download again even what is cached")
    f.add_argument("--cache", help="response cache directory (default: $GEODATA_CACHE or ./data/cache/scb)")
    f.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for one answer (default 60)")
    f.add_argument("--attempts", type=int, default=5, help="tries per request before giving up (default 5)")
    f.add_argument("--quiet", action="store_true", help="no progress bars")
    f.set_defaults(func=cmd_fetch)

    v = sub.add_parser("values", help="print one row per area: code, name, value")
    v.add_argument("--indicator", required=True, help="indicator id (see `geodata indicators`)")
    v.add_argument("--level", required=True, choices=LEVELS)
    v.add_argument("--year", required=True, type=int)
    v.add_argument("--municipality", help="comma-separated municipality codes, e.g. 1480,1481")
    v.add_argument("--format", choices=["csv", "json"], default="csv")
    v.set_defaults(func=cmd_values)

    h = sub.add_parser("history", help="one area's series across SCB's 2024 boundary change, one row per year")
    h.add_argument("--area", required=True, help="a DeSO, RegSO, kommun or län code, e.g. 1480C3050")
    h.add_argument("--indicator", required=True, help="indicator id (see `geodata indicators`)")
    h.add_argument("--format", choices=["csv", "json"], default="csv")
    h.set_defaults(func=cmd_history)

    m = sub.add_parser("measures", help="segregation measures per municipality, with 95%% intervals")
    m.add_argument(
        "--measure",
        required=True,
        choices=list(MEASURE_INFO),
        help="; ".join(f"{info.id}: {info.name['en']} ({info.kind})" for info in MEASURE_INFO.values()),
    )
    m.add_argument(
        "--group", required=True, help="a two-group split: utlandsk_bakgrund, utrikes_fodda, utbildning, hyresratt"
    )
    m.add_argument("--year", type=int, help="one year (default: every year)")
    m.add_argument("--level", choices=["deso", "regso"], default="deso", help="the areas measured over")
    m.add_argument("--municipality", help="comma-separated municipality codes (default: all 290)")
    m.add_argument("--format", choices=["csv", "json"], default="csv")
    m.set_defaults(func=cmd_measures)

    i = sub.add_parser("info", help="describe the current store version")
    i.set_defaults(func=cmd_info)

    c = sub.add_parser("indicators", help="list the catalogue's indicators")
    c.add_argument("--lang", choices=["sv", "en"], default="sv")
    c.add_argument("--markdown", action="store_true", help="print the table the README carries")
    c.set_defaults(func=cmd_indicators)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except GeodataError as exc:
        print(f"geodata: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("geodata: interrupted; the store is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
