"""`segatlas`: get a store in place, then serve the app with gunicorn.

`segatlas serve` builds the store first when none exists: from the bundle named by `--bundle` or
`GEODATA_BUNDLE`, else live from SCB. Offline and without a bundle it says how to proceed (exit 3).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from geodata import config
from geodata.errors import GeodataError, SourceError, StoreMissingError
from geodata.store import current_version_dir, open_store

DEFAULT_SCOPE = ("1480", "1481", "1490")  # Göteborg, Mölndal, Borås
DEFAULT_YEARS = "2015-2025"


def ensure_store(bundle: Path | None, rebuild: bool = False) -> Path:
    """The store directory; when missing (or `rebuild`), built from the bundle if one is named, else
    fetched live from SCB for Göteborg, Mölndal and Borås. Offline, it says how to proceed."""
    from geodata.build import build_from_bundle, build_from_scb
    from geodata.cli import print_fetch_summary
    from geodata.sources.http import ScbHttp
    from geodata.sources.scb_live import Scope, default_cache, parse_years

    store = config.store_dir()
    try:
        current_version_dir(store)
        if not rebuild:
            return store
    except StoreMissingError:
        pass
    bundle = bundle or config.bundle_dir()
    if bundle is not None:
        print(f"segatlas: building the data store at {store} from {bundle}", file=sys.stderr)
        build_from_bundle(bundle, store)
        return store
    print(
        f"segatlas: no store at {store} and no bundle named; fetching Göteborg, Mölndal and Borås "
        f"({DEFAULT_YEARS}) from SCB",
        file=sys.stderr,
    )
    http = ScbHttp(default_cache())
    reports: list = []
    try:
        _version, reports = build_from_scb(Scope(DEFAULT_SCOPE), parse_years(DEFAULT_YEARS), store, http)
    except SourceError as exc:
        raise SourceError(
            f"{exc}\n\nCould not build the data store from SCB (offline?). Either name SCB's reference bundle:\n"
            "  segatlas serve --bundle ../shared/reference   (or set GEODATA_BUNDLE=DIR)\n"
            "or fetch when online:  python -m geodata fetch --municipality 1480,1481,1490"
        ) from exc
    finally:
        print_fetch_summary(http, reports)
        http.close()
    return store


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="segatlas", description="Run the segregation atlas.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="build the store if missing, then serve the app")
    s.add_argument("--bundle", type=Path, help="SCB reference bundle to build from (default: $GEODATA_BUNDLE)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8050)
    s.add_argument("--workers", type=int, default=2)
    s.add_argument("--rebuild", action="store_true", help="rebuild the store even if one exists")
    r = sub.add_parser("prepare", help="build the store if missing (deploy release step)")
    r.add_argument("--bundle", type=Path)
    args = p.parse_args(argv)
    try:
        store = ensure_store(args.bundle, rebuild=getattr(args, "rebuild", False))
        open_store(store).check()  # a damaged file is named now, not as a 503 at the first request
    except GeodataError as exc:
        print(f"segatlas: {exc}", file=sys.stderr)
        return exc.exit_code
    if args.command == "prepare":
        return 0
    os.environ["GEODATA_STORE"] = str(store.resolve())
    print(f"segatlas: serving on http://{args.host}:{args.port}/", file=sys.stderr)
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "dashboard.wsgi:server",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        "4",
        "--timeout",
        "60",
        "--preload",
    ]
    os.execv(sys.executable, gunicorn)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
