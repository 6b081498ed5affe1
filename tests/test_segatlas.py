"""`segatlas prepare/serve` gets a store in place: from a bundle, from SCB, or says how to proceed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.fake_scb import FakeScb

REPO = Path(__file__).resolve().parent.parent


def segatlas(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("GEODATA_BUNDLE", "SCB_API_URL", "SCB_WFS_URL")}
    base.update({"GEODATA_STORE": str(tmp_path / "store"), "GEODATA_CACHE": str(tmp_path / "cache"), **env})
    return subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *args], cwd=REPO, env=base, capture_output=True, text=True, timeout=300
    )


def test_prepare_builds_from_a_named_bundle(tmp_path: Path, bundle: Path) -> None:
    done = segatlas(tmp_path, "prepare", "--bundle", str(bundle))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "store" / "CURRENT").is_file()


def test_without_a_bundle_it_fetches_from_scb(tmp_path: Path, bundle: Path) -> None:
    with FakeScb(bundle, {"1480", "1481", "1490"}) as fake:
        done = segatlas(tmp_path, "prepare", SCB_API_URL=fake.url, SCB_WFS_URL=fake.wfs_url)
    assert done.returncode == 0, done.stderr
    assert "fetching Göteborg, Mölndal and Borås" in done.stderr
    assert (tmp_path / "store" / "CURRENT").is_file()


def test_offline_without_a_bundle_it_says_how_to_proceed(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    done = segatlas(tmp_path, "serve", SCB_API_URL=closed + "/api/v2", SCB_WFS_URL=closed + "/wfs")
    assert done.returncode == 3
    assert "cannot reach 127.0.0.1" in done.stderr and "offline?" in done.stderr
    assert "segatlas serve --bundle ../shared/reference" in done.stderr
    assert not (tmp_path / "store" / "CURRENT").exists()
