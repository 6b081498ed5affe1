"""Shared fixtures: the real reference bundle (read where it lies) and one store built from it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geodata.build import build_from_bundle
from geodata.queries import Atlas, current_atlas

REPO = Path(__file__).resolve().parent.parent


def bundle_path() -> Path:
    """`GEODATA_BUNDLE`, else `../shared/reference` beside the repository."""
    return Path(os.environ.get("GEODATA_BUNDLE") or REPO.parent / "shared" / "reference")


@pytest.fixture(scope="session")
def bundle() -> Path:
    path = bundle_path()
    if not (path / "README.md").is_file():
        pytest.fail(f"the reference bundle is not at {path}; set GEODATA_BUNDLE")
    return path


@pytest.fixture(scope="session")
def store_dir(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once per test session from the real bundle."""
    root = tmp_path_factory.mktemp("store")
    build_from_bundle(bundle, root, show_progress=False)
    return root


@pytest.fixture(scope="session")
def atlas(store_dir: Path) -> Atlas:
    return current_atlas(store_dir)
