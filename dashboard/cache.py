"""One cache for rendered images and expensive results, shared by every worker.

On disk beside the store by default (`<GEODATA_STORE>/cache/<version>/…`, written atomically: a temporary
file then `os.replace`), or Redis when `REDIS_URL` is set (several machines behind a load balancer).
Every key carries the store version, so a rebuild invalidates by version, never by flushing; on disk a
new version sweeps the directories of versions the store no longer holds.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from dashboard.press.links import public_url
from geodata import config

REDIS_TTL = 7 * 24 * 3600  # seconds; a version's entries also go when it is no longer current


class Backend(Protocol):
    def get(self, version: str, key: str) -> bytes | None: ...
    def put(self, version: str, key: str, body: bytes) -> None: ...


class DiskCache:
    """Files under `root/<version>/<key[:2]>/<key>`; readers never see a half-written file."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._swept: str | None = None

    def _path(self, version: str, key: str) -> Path:
        return self.root / version / key[:2] / key

    def get(self, version: str, key: str) -> bytes | None:
        try:
            return self._path(version, key).read_bytes()
        except OSError:
            return None

    def put(self, version: str, key: str, body: bytes) -> None:
        path = self._path(version, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(body)
            os.replace(tmp, path)
        except OSError:  # a full or read-only disk costs a re-render, never an error for the reader
            return
        if self._swept != version:
            self._sweep(version)

    def _sweep(self, current: str) -> None:
        """Remove entries of versions no longer in the store (the store keeps the current and previous)."""
        self._swept = current
        versions = self.root.parent / "versions"
        kept = {p.name for p in versions.iterdir()} if versions.is_dir() else {current}
        for old in self.root.iterdir():
            if old.name not in kept and old.name != current:
                shutil.rmtree(old, ignore_errors=True)


class RedisCache:
    """Entries under `segatlas:<version>:<key>` with a time to live."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def get(self, version: str, key: str) -> bytes | None:
        import redis

        try:
            return self.client.get(f"segatlas:{version}:{key}")
        except redis.RedisError:  # an unreachable cache costs a re-render, never an error for the reader
            return None

    def put(self, version: str, key: str, body: bytes) -> None:
        import redis

        try:
            self.client.set(f"segatlas:{version}:{key}", body, ex=REDIS_TTL)
        except redis.RedisError:
            return


_backend: tuple[tuple[str, str], Backend] | None = None
_lock = threading.Lock()


def backend() -> Backend:
    """Redis when `REDIS_URL` is set, else the disk beside the store (`GEODATA_STORE`)."""
    global _backend
    where = (os.environ.get("REDIS_URL", ""), str(config.store_dir()))
    with _lock:
        if _backend is None or _backend[0] != where:
            cache: Backend = RedisCache(where[0]) if where[0] else DiskCache(config.store_dir() / "cache")
            _backend = (where, cache)
        return _backend[1]


def _code_version() -> str:
    """A digest of the web layer's own source: a deploy that changes how pictures and pages are drawn never
    serves what the code before it drew (the store version alone would not change)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


CODE_VERSION = _code_version()


def cache_key(kind: str, *params: object) -> str:
    """A key from a kind of result, its canonical parameters, the code that draws it and the public address
    that embeds and link tags are written with."""
    return hashlib.sha256(repr((CODE_VERSION, public_url(), kind, *params)).encode("utf-8")).hexdigest()


def cached_bytes(version: str, kind: str, params: tuple, render: Callable[[], bytes]) -> bytes:
    """The cached result, or `render()` stored for the next request (and the next worker)."""
    cache = backend()
    key = cache_key(kind, *params)
    body = cache.get(version, key)
    if body is None:
        body = render()
        cache.put(version, key, body)
    return body
