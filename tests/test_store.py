"""The store survives crashes: a killed build never damages what readers see."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from geodata.errors import GeodataError, StoreMissingError
from geodata.queries import current_atlas
from geodata.store import StoreWriter, current_version_dir, open_store

REPO = Path(__file__).resolve().parent.parent


def tiny_version(root: Path, marker: int) -> str:
    writer = StoreWriter(root)
    with writer.stage() as staged:
        staged.write_table("values", pd.DataFrame({"marker": [marker]}))
        return writer.commit(staged, {"built_at": "now", "source": "test"})


def test_commit_points_current_at_the_new_version_and_keeps_one_predecessor(tmp_path: Path) -> None:
    first = tiny_version(tmp_path, 1)
    second = tiny_version(tmp_path, 2)
    third = tiny_version(tmp_path, 3)
    assert open_store(tmp_path).version == third
    assert open_store(tmp_path).table("values")["marker"].item() == 3
    kept = sorted(p.name for p in (tmp_path / "versions").iterdir())
    assert kept == sorted([second, third]) and first not in kept


def test_a_failing_build_leaves_the_previous_version_and_no_staging(tmp_path: Path) -> None:
    before = tiny_version(tmp_path, 1)
    writer = StoreWriter(tmp_path)
    with pytest.raises(RuntimeError), writer.stage() as staged:
        staged.write_table("values", pd.DataFrame({"marker": [2]}))
        raise RuntimeError("source broke half-way")
    assert open_store(tmp_path).version == before
    assert not list((tmp_path / "versions").glob(".staging-*"))


def test_a_version_without_manifest_is_never_served(tmp_path: Path) -> None:
    tiny_version(tmp_path, 1)
    (tmp_path / "versions" / "broken").mkdir()
    (tmp_path / "CURRENT").write_text("broken\n")
    with pytest.raises(StoreMissingError, match="incomplete"):
        current_version_dir(tmp_path)


def test_a_missing_store_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(StoreMissingError, match="python -m geodata build --from"):
        open_store(tmp_path / "nothing")


def test_only_one_build_at_a_time(tmp_path: Path) -> None:
    writer = StoreWriter(tmp_path)
    with writer.stage(), pytest.raises(GeodataError, match="another build"), StoreWriter(tmp_path).stage():
        pass


def _wait_for(predicate, timeout: float = 300.0) -> bool:
    """Poll until `predicate` holds; the deadline is generous because a build on a loaded 2-core machine
    writes its first file late, and a wait that succeeds returns at once."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.002)
    return False


@pytest.mark.parametrize("moment", ["while reading the source", "while writing files"])
def test_sigkill_mid_build_leaves_the_previous_store_readable(
    tmp_path: Path, bundle: Path, store_dir: Path, moment: str
) -> None:
    import shutil

    root = tmp_path / "store"
    shutil.copytree(store_dir, root, symlinks=True)
    before = current_atlas(root)
    expected = before.values("befolkning", "kommun", 2022)

    staging = root / "versions"

    def staged_files() -> list[Path]:
        return [p for d in staging.glob(".staging-*") for p in d.rglob("*.parquet")]

    proc = subprocess.Popen(
        [sys.executable, "-m", "geodata", "--store", str(root), "build", "--from", str(bundle), "--quiet"],
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        if moment == "while reading the source":
            assert _wait_for(lambda: any(staging.glob(".staging-*"))), "the build never started staging"
        else:
            assert _wait_for(lambda: bool(staged_files())), "the build never wrote a file"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL

    after = current_atlas(root)
    assert after.version == before.version
    pd.testing.assert_frame_equal(after.values("befolkning", "kommun", 2022), expected)
    assert any(staging.glob(".staging-*")), "the kill should have left a staging directory behind"
    if moment != "while reading the source":
        return  # the sweep is the same after either kill: it is tested once (a build takes ~35 s)

    # The next build sweeps up the remains and publishes a complete new version.
    done = subprocess.run(
        [sys.executable, "-m", "geodata", "--store", str(root), "build", "--from", str(bundle), "--quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert not any(staging.glob(".staging-*"))
    rebuilt = current_atlas(root)
    assert rebuilt.version != before.version
    pd.testing.assert_frame_equal(rebuilt.values("befolkning", "kommun", 2022), expected)
