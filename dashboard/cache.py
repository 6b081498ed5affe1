"""One cache for rendered images and expensive results, shared by every worker, and a worker's memory of
whole responses in front of it (`ResponseCache`: pages, layouts and callback answers).

On disk beside the store by default (`<GEODATA_STORE>/cache/<version>/…`, written atomically: a temporary
file then `os.replace`), or Redis when `REDIS_URL` is set (several machines behind a load balancer).
Every key carries the store version, so a rebuild invalidates by version, never by flushing; on disk a
new version sweeps the directories of versions the store no longer holds.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple, Protocol

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


# ---------------------------------------------------------------- whole responses

RESPONSE_CACHE_BYTES = 32 * 2**20  # per worker; least recently used responses go first
LARGEST_RESPONSE = 2**20  # bytes; a larger body is served but not kept


class Kept(NamedTuple):
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    cost: int  # bytes counted against the worker's bound

    def dump(self) -> bytes:
        return json.dumps([self.status, self.headers]).encode() + b"\n" + self.body

    @classmethod
    def load(cls, data: bytes) -> Kept:
        head, _, body = data.partition(b"\n")
        status, headers = json.loads(head)
        return cls(status, [tuple(h) for h in headers], body, len(data))


class ResponseCache:
    """WSGI middleware keeping whole responses (status, headers and the compressed body) that are a pure
    function of the request and the store version, so asking again runs neither Dash nor pandas: first in
    the worker's memory (least recently used go first past `max_bytes`), then in the shared cache
    (`backend()`), so what one worker drew the others serve too.

    `key_of(environ, body)` names what a response depends on (None: not kept); the store version, the
    store's place, the host, scheme, encoding and public address are added here, so a rebuild starts
    afresh. Only 200 responses without cookies are kept, and a conditional request (If-None-Match,
    If-Modified-Since, Range) is always answered by the app."""

    def __init__(
        self,
        app: Callable,
        key_of: Callable[[dict, bytes], tuple | None],
        version_of: Callable[[], str],
        max_bytes: int = RESPONSE_CACHE_BYTES,
        shared: Callable[[], Backend] | None = backend,
        max_body: int = LARGEST_RESPONSE,
    ) -> None:
        self.app, self.key_of, self.version_of, self.max_bytes = app, key_of, version_of, max_bytes
        self.max_body = max_body  # a longer request body is not read here: the app refuses it (413)
        self.shared = shared
        self.entries: OrderedDict[tuple, Kept] = OrderedDict()
        self.size = 0
        self.version = ""
        self.lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        key = self._key(environ)
        if key is None:
            return self.app(environ, start_response)
        with self.lock:
            kept = self.entries.get(key)
            if kept is not None:
                self.entries.move_to_end(key)
        digest = cache_key("response", *key[1:]) if kept is None else ""
        if kept is None and self.shared is not None:
            data = self.shared().get(key[0], digest)
            kept = Kept.load(data) if data is not None else None
            if kept is not None:
                self._put(key, kept)
        if kept is not None:
            start_response(kept.status, list(kept.headers))
            return [kept.body]
        seen: list = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info=None) -> Callable:
            seen[:] = [status, headers]
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers = seen
        if (
            status.startswith("200 ")
            and len(body) <= LARGEST_RESPONSE
            and not any(name.lower() == "set-cookie" for name, _ in headers)
        ):
            kept = Kept(status, list(headers), body, len(body) + 64 * len(headers) + 512)
            self._put(key, kept)
            if self.shared is not None:
                self.shared().put(key[0], digest, kept.dump())
        return [body]

    def _key(self, environ: dict) -> tuple | None:
        if environ.get("REQUEST_METHOD") not in ("GET", "POST") or any(
            h in environ for h in ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE")
        ):
            return None
        body = b""
        if environ["REQUEST_METHOD"] == "POST":
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return None
            if not 0 < length <= self.max_body:
                return None
            body = environ["wsgi.input"].read(length)
            environ["wsgi.input"] = io.BytesIO(body)  # the app reads the same bytes
        key = self.key_of(environ, body)
        if key is None:
            return None
        try:
            version = self.version_of()
        except Exception:  # no readable store: the app says what is wrong, nothing is kept
            return None
        where = ("HTTP_HOST", "HTTP_ACCEPT_ENCODING", "wsgi.url_scheme", "SCRIPT_NAME", "CONTENT_TYPE")
        return (version, str(config.store_dir()), public_url(), *(environ.get(h, "") for h in where), *key)

    def _put(self, key: tuple, kept: Kept) -> None:
        with self.lock:
            if key[0] != self.version:  # a new store version: nothing kept from the old one is valid
                self.entries.clear()
                self.size, self.version = 0, key[0]
            old = self.entries.pop(key, None)
            self.size += kept.cost - (old.cost if old else 0)
            self.entries[key] = kept
            while self.size > self.max_bytes:
                self.size -= self.entries.popitem(last=False)[1].cost
