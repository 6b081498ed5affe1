"""Shared fixtures: the real reference bundle (read where it lies) and one store built from it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard.localserver import CHROMIUM, CHROMIUM_FLAGS
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
    from dashboard.localserver import serve_locally

    with serve_locally(store_dir) as url:
        yield url


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


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium through Playwright (never a browser download of Playwright's own)."""
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
