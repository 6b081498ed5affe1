"""Where things live, from the environment, so deployments and tests can move them."""

import os
from pathlib import Path

DEFAULT_STORE = Path("data/store")


def store_dir() -> Path:
    """The store directory: `GEODATA_STORE`, else `./data/store`."""
    return Path(os.environ.get("GEODATA_STORE") or DEFAULT_STORE)


def bundle_dir() -> Path | None:
    """The reference bundle named by `GEODATA_BUNDLE`, or None when none is named."""
    value = os.environ.get("GEODATA_BUNDLE")
    return Path(value) if value else None
