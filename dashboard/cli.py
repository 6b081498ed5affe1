"""`segatlas`: get a store in place, then serve the app with gunicorn.

`segatlas serve` builds the store first when none exists: from the bundle named by `--bundle` or
`GEODATA_BUNDLE`. Without one it says exactly that and how to proceed, and exits with code 4.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from geodata import config
from geodata.errors import GeodataError, StoreMissingError
from geodata.store import current_version_dir


def ensure_store(bundle: Path | None, rebuild: bool = False) -> Path:
    """The store directory, built from `bundle` when it is missing (or `rebuild` asks)."""
    store = config.store_dir()
    try:
        current_version_dir(store)
        if not rebuild:
            return store
    except StoreMissingError:
        pass
    bundle = bundle or config.bundle_dir()
    if bundle is None:
        raise StoreMissingError(
            f"there is no data store at {store} yet, and no reference bundle is named to build it from.\n"
            "  Name SCB's reference bundle:  segatlas serve --bundle ../shared/reference\n"
            "  (or set GEODATA_BUNDLE=DIR). Fetching live from SCB is not part of this version."
        )
    from geodata.build import build_store
    from geodata.sources.bundle import read_bundle

    print(f"segatlas: building the data store at {store} from {bundle}", file=sys.stderr)
    build_store(lambda progress: read_bundle(bundle, progress), store, f"reference bundle at {bundle.resolve()}")
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
