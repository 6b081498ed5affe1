"""Shared fixtures: the real reference bundle (read where it lies) and one store built from it.

The store is built once per session, and only when a test needs it: one that asks for `store_dir`,
`atlas` or the live server, or for a module's `client`/`app` (the Dash app reads the store). Every
other test runs with GEODATA_STORE on an empty directory, so a pure test never waits for the build
and nothing can read a developer's own ./data/store. Heavy imports stay inside the fixtures.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from geodata.queries import Atlas

# Fixtures whose tests read the store (directly, or through the app built on GEODATA_STORE).
NEEDS_STORE = {"store_dir", "atlas", "live_server", "page", "client", "app"}

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
def store_dir(bundle: Path, tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A store built once per test run from the real bundle. With pytest-xdist's workers (`-n`), the
    first worker to ask builds it under a lock in the run's shared temporary directory and every worker
    gets its own copy, so caches written beside a store never cross between workers."""
    import shutil

    from filelock import FileLock

    from geodata.build import build_from_bundle

    root = tmp_path_factory.mktemp("store")
    if worker_id == "master":  # one process: build in place
        build_from_bundle(bundle, root, show_progress=False)
        return root
    shared = tmp_path_factory.getbasetemp().parent / "built-store"
    with FileLock(str(shared) + ".lock"):
        if not (shared / "CURRENT").is_file():
            build_from_bundle(bundle, shared, show_progress=False)
    shutil.copytree(shared, root, symlinks=True, dirs_exist_ok=True, ignore=shutil.ignore_patterns("cache", "*.lock"))
    return root


@pytest.fixture(scope="session")
def atlas(store_dir: Path) -> Atlas:
    from geodata.queries import current_atlas

    return current_atlas(store_dir)


@pytest.fixture(scope="session")
def live_server(store_dir: Path):
    """gunicorn serving `app:server` on a free loopback port, the way the Procfile does."""
    from dashboard.localserver import serve_locally

    with serve_locally(store_dir) as url:
        yield url


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give the session's store to the tests that read it (see the module docstring)."""
    for item in items:
        names = getattr(item, "fixturenames", [])
        if NEEDS_STORE.intersection(names):
            names.insert(0, "_store_env")


@pytest.fixture(scope="session", autouse=True)
def _no_store_env(tmp_path_factory: pytest.TempPathFactory):
    """GEODATA_STORE on an empty directory for the session, so nothing reads a developer's own ./data/store."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GEODATA_STORE", str(tmp_path_factory.mktemp("no_store")))
        yield


@pytest.fixture(scope="session")
def _store_env(store_dir: Path, _no_store_env: None):
    """GEODATA_STORE on the session's store from the first test that reads it on (added to those tests by
    `pytest_collection_modifyitems`; session-scoped, so a module's `client` is made after it)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GEODATA_STORE", str(store_dir))
        yield


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium through Playwright (never a browser download of Playwright's own)."""
    from dashboard.localserver import CHROMIUM, CHROMIUM_FLAGS

    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (.ci/run installs it)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


def fresh_page(browser, base: str, **options):
    """A page in a new desktop-sized context that records console errors and uncaught exceptions in
    `page.errors` and knows the server's address as `page.base`; close it with `page.context.close()`."""
    context = browser.new_context(viewport={"width": 1440, "height": 1100}, accept_downloads=True, **options)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.base = base
    return pg


@pytest.fixture
def page(browser, live_server: str):
    """A fresh page on the live server."""
    pg = fresh_page(browser, live_server)
    yield pg
    pg.context.close()


@pytest.fixture(scope="session")
def redis_url():
    """`TEST_REDIS_URL` (the server `.ci/run` starts), else a redis-server of our own on a free loopback port."""
    import shutil
    import socket
    import subprocess
    import time

    redis = pytest.importorskip("redis")
    if os.environ.get("TEST_REDIS_URL"):
        yield os.environ["TEST_REDIS_URL"]
        return
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(binary).exists():
        pytest.skip("no redis-server binary here (.ci/run installs Debian's redis-server)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
