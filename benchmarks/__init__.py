"""Benchmarks: one documented command each (see the README), ratios against a baseline in the same run."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference"


def add_bundle_argument(parser: argparse.ArgumentParser) -> None:
    """`--bundle`: the reference bundle, by default `GEODATA_BUNDLE` or `../shared/reference` beside the repository."""
    parser.add_argument("--bundle", type=Path, default=Path(os.environ.get("GEODATA_BUNDLE") or REFERENCE))
