"""The app serves a page backed by the store, in Swedish and English, and says so when no store exists."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(store_dir: Path):
    """gunicorn serving `app:server` on a free loopback port, the way the Procfile does."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "app:server", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
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


def texts(node) -> list[str]:
    """Every text in a Dash component tree, depth first."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, (list, tuple)):
        return [t for child in node for t in texts(child)]
    return texts(getattr(node, "children", None) or [])


def render(search: str) -> str:
    from dashboard.layout import _lang, page

    return "\n".join(texts(page(_lang(search))))


def test_the_page_lists_every_indicator_with_goteborgs_value(monkeypatch, store_dir: Path) -> None:
    monkeypatch.setenv("GEODATA_STORE", str(store_dir))
    html = render("")
    assert "Utländsk bakgrund" in html and "39,1\u00a0%" in html and "TAB6571" in html


def test_the_page_speaks_english_on_request(monkeypatch, store_dir: Path) -> None:
    monkeypatch.setenv("GEODATA_STORE", str(store_dir))
    html = render("?lang=en")
    assert "Foreign background" in html and "39.1%" in html


def test_without_a_store_the_page_says_how_to_build_one(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEODATA_STORE", str(tmp_path))
    assert "segatlas serve --bundle" in render("")


def test_gunicorn_serves_the_app(server: str) -> None:
    assert httpx.get(server + "/healthz").text == "ok"
    page = httpx.get(server + "/")
    assert page.status_code == 200 and "Segregationsatlas" in page.text


def test_the_page_renders_in_headless_chromium(server: str, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (.ci/run installs it)")
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(server + "/")
        page.wait_for_selector("#indicator-table tbody tr")
        rows = page.locator("#indicator-table tbody tr").count()
        page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
        page.get_by_text("In English").click()
        page.wait_for_selector("text=Foreign background")
        assert "lang=en" in page.url
        browser.close()
    from geodata.catalog import load_catalogue

    assert rows == len(load_catalogue().indicators)
    assert errors == []
