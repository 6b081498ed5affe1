"""The on-disk store: versioned directories and a `CURRENT` pointer that is swapped atomically.

Layout under the store directory (`GEODATA_STORE`, default `./data/store`):

    CURRENT                       name of the version readers use
    versions/<id>/manifest.json   written last: a version without it is incomplete and never used
    versions/<id>/values.parquet  indicator values: code, level, edition, year, indicator, value, …
    versions/<id>/raw.parquet     raw variables at every level (published and rolled up)
    versions/<id>/areas.parquet   the area register: names and ancestors per level and edition
    versions/<id>/neighbours.parquet  which DeSO/RegSO border which (keyboard moves on the map)
    versions/<id>/boundaries/<level>_<edition>.parquet   GeoParquet, EPSG:3006, full detail
    versions/<id>/web/<level>_<edition>.parquet          coverage-simplified, EPSG:4326, for maps
    versions/<id>/web/outline-<level>_<edition>.parquet  municipal outlines around a DeSO/RegSO map
    .build.lock                   held by the one build allowed at a time
    cache/<id>/…                  the web app's shared cache of renders, per version (dashboard.cache)

A build writes a hidden staging directory, fsyncs it, renames it into `versions/` and then replaces
`CURRENT` with `os.replace`. A crash or `kill -9` at any point leaves the previous `CURRENT` and its
version untouched, so readers keep working; the next build sweeps up what the dead one left.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geodata.errors import GeodataError, MalformedFileError, StoreMissingError

SCHEMA_VERSION = 1


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            with open(Path(dirpath) / name, "rb") as f:
                os.fsync(f.fileno())
        _fsync_dir(Path(dirpath))


class StagedVersion:
    """A version being written; becomes visible only through `StoreWriter.commit`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        (path / "boundaries").mkdir(parents=True)

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        frame.to_parquet(self.path / f"{name}.parquet", index=False, compression="zstd")

    def write_boundaries(self, level: str, edition: str, frame: gpd.GeoDataFrame, web: bool = False) -> None:
        folder = self.path / ("web" if web else "boundaries")
        folder.mkdir(exist_ok=True)
        frame.to_parquet(folder / f"{level}_{edition}.parquet", index=False, compression="zstd")


class StoreWriter:
    """Builds one new version of the store at `root`, holding the build lock throughout."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @contextmanager
    def stage(self) -> Iterator[StagedVersion]:
        """Yield a staging area; on normal exit it is published, on any error it is removed."""
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "versions").mkdir(exist_ok=True)
        with open(self.root / ".build.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise GeodataError(f"another build is writing the store at {self.root}; wait for it") from exc
            self._sweep_staging()
            staging = self.root / "versions" / f".staging-{uuid.uuid4().hex}"
            try:
                yield StagedVersion(staging)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise

    def commit(self, staged: StagedVersion, manifest: dict) -> str:
        """Write the manifest, make the version durable and point CURRENT at it. Returns its id."""
        version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:8]
        previous = self._current_name()
        manifest = {**manifest, "schema": SCHEMA_VERSION, "version": version}
        (staged.path / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
        _fsync_tree(staged.path)
        final = self.root / "versions" / version
        os.rename(staged.path, final)
        _fsync_dir(final.parent)
        pointer = self.root / f".CURRENT.{uuid.uuid4().hex}"
        with open(pointer, "w") as f:
            f.write(version + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(pointer, self.root / "CURRENT")
        _fsync_dir(self.root)
        self._prune(keep={version, previous})
        return version

    def _current_name(self) -> str | None:
        pointer = self.root / "CURRENT"
        return pointer.read_text("utf-8").strip() if pointer.is_file() else None

    def _sweep_staging(self) -> None:
        """Remove what a killed build left: staging directories and stray pointer files."""
        for leftover in (self.root / "versions").glob(".staging-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for stray in self.root.glob(".CURRENT.*"):
            stray.unlink(missing_ok=True)

    def _prune(self, keep: set[str | None]) -> None:
        """Delete all versions but the new one and its predecessor, which readers may still hold."""
        for path in (self.root / "versions").iterdir():
            if not path.name.startswith(".") and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)


def current_version_dir(root: Path) -> Path:
    """The directory of the version CURRENT names, or StoreMissingError saying how to build one."""
    root = Path(root)
    pointer = root / "CURRENT"
    if not pointer.is_file():
        raise StoreMissingError(
            f"no data store at {root}; build one with "
            "`python -m geodata build --from ../shared/reference` (or set GEODATA_STORE)"
        )
    version = pointer.read_text("utf-8").strip()
    path = root / "versions" / version
    if not (path / "manifest.json").is_file():
        raise StoreMissingError(f"the store at {root} names version {version!r}, which is incomplete; rebuild it")
    return path


class StoreVersion:
    """Read access to one complete version; frames are loaded on first use and kept."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.manifest: dict = json.loads((self.path / "manifest.json").read_text("utf-8"))
        self._tables: dict[str, pd.DataFrame] = {}
        self._boundaries: dict[tuple[str, str, bool], gpd.GeoDataFrame] = {}

    @property
    def version(self) -> str:
        return self.manifest["version"]

    def table(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            path = self.path / f"{name}.parquet"
            self._tables[name] = _read(path, pd.read_parquet)
        return self._tables[name]

    def check(self) -> None:
        """Every file of the version is whole: each Parquet file's footer reads (MalformedFileError naming
        the first that does not)."""
        for path in sorted(self.path.rglob("*.parquet")):
            _read(path, pq.read_metadata)

    def boundary_keys(self) -> list[tuple[str, str]]:
        """(level, edition) pairs that have boundaries in this version."""
        return [tuple(p.stem.split("_", 1)) for p in sorted((self.path / "boundaries").glob("*.parquet"))]  # type: ignore[misc]

    def boundaries(self, level: str, edition: str, web: bool = False) -> gpd.GeoDataFrame | None:
        """Full-detail shapes (EPSG:3006), or with `web` the simplified WGS 84 ones for maps."""
        key = (level, edition, web)
        if key not in self._boundaries:
            path = self.path / ("web" if web else "boundaries") / f"{level}_{edition}.parquet"
            if not path.is_file():
                return None
            self._boundaries[key] = _read(path, gpd.read_parquet)
        return self._boundaries[key]


def _read(path: Path, reader):
    """`reader(path)`, or MalformedFileError naming the file when it is truncated or corrupt."""
    try:
        return reader(path)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise MalformedFileError(
            path, f"cannot be read ({exc}); the data store is damaged: rebuild it with `python -m geodata build`"
        ) from None


def open_store(root: Path) -> StoreVersion:
    """The version CURRENT names at `root`."""
    return StoreVersion(current_version_dir(root))
