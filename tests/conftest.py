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


@pytest.fixture(scope="session")
def live_server(store_dir: Path):
    """gunicorn serving `app:server` on a free loopback port, the way the Procfile does."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "app:server",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
        ],
        cwd=REPO,
        env={**os.environ, "GEODATA_STORE": str(store_dir)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail(f"gunicorn did not start: {proc.stderr.read().decode()[-2000:]}")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="session", autouse=True)
def _store_env(store_dir: Path):
    """Point GEODATA_STORE at the session's store, so nothing can read a developer's own ./data/store."""
    old = os.environ.get("GEODATA_STORE")
    os.environ["GEODATA_STORE"] = str(store_dir)
    yield
    if old is None:
        os.environ.pop("GEODATA_STORE", None)
    else:
        os.environ["GEODATA_STORE"] = old
