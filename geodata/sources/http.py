"""HTTP for SCB's services: one httpx client with a rate limiter, retries and an on-disk response cache.

SCB publishes its limits (`/config`: calls per time window, cells per request) and answers 429 with
`Retry-After` when they are exceeded. We stay under the window, retry timeouts, 429 and 5xx with
backoff, and cache every successful response body on disk keyed by the request, so a re-run
downloads nothing it already has and a failed run loses nothing it had fetched.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from geodata.errors import SourceError

RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 120.0


class RateLimiter:
    """At most `calls` requests in any `window` seconds (a sliding window), shared by threads."""

    def __init__(
        self,
        calls: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.calls, self.window = calls, window
        self._stamps: deque[float] = deque()
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def acquire(self) -> None:
        if self.calls <= 0:
            return
        with self._lock:
            while True:
                now = self._clock()
                while self._stamps and now - self._stamps[0] >= self.window:
                    self._stamps.popleft()
                if len(self._stamps) < self.calls:
                    self._stamps.append(now)
                    return
                self._sleep(self.window - (now - self._stamps[0]))


@dataclass
class FetchStats:
    """What a run did, for the closing summary."""

    downloaded: int = 0
    from_cache: int = 0
    retries: int = 0
    failures: list[str] = field(default_factory=list)


def retry_after_seconds(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return default
    try:
        return min(MAX_RETRY_AFTER, max(0.0, float(value)))
    except ValueError:
        pass
    try:
        return min(MAX_RETRY_AFTER, max(0.0, parsedate_to_datetime(value).timestamp() - time.time()))
    except (TypeError, ValueError):
        return default


class ScbHttp:
    """GET/POST JSON with limits, retries and a cache directory (None: no cache)."""

    def __init__(
        self,
        cache_dir: Path | None,
        refresh: bool = False,
        timeout: float = 60.0,
        attempts: int = 5,
        backoff: float = 1.0,
        limiter: RateLimiter | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.refresh = refresh
        self.attempts = attempts
        self.backoff = backoff
        self.limiter = limiter or RateLimiter(0, 1)
        self.stats = FetchStats()
        self.client = httpx.Client(
            timeout=timeout,
            transport=transport,
            follow_redirects=True,
            headers={"User-Agent": "segregationsatlas/0.1 (+https://github.com)"},
        )

    def close(self) -> None:
        self.client.close()

    def _cache_path(self, method: str, url: str, params: dict | None, body: dict | None) -> Path | None:
        if self.cache_dir is None:
            return None
        key = json.dumps([method, url, sorted((params or {}).items()), body], sort_keys=True, ensure_ascii=False)
        return self.cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()}.json"

    def json(
        self, method: str, url: str, *, params: dict | None = None, body: dict | None = None, what: str = ""
    ) -> dict:
        """The decoded JSON answer, from the cache or the network. Raises SourceError naming `what`."""
        path = self._cache_path(method, url, params, body)
        if path is not None and path.is_file() and not self.refresh:
            self.stats.from_cache += 1
            return json.loads(path.read_text("utf-8"))
        text = self._fetch(method, url, params, body, what or url)
        data = json.loads(text)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(text, "utf-8")
            os.replace(tmp, path)
        self.stats.downloaded += 1
        return data

    def _fetch(self, method: str, url: str, params: dict | None, body: dict | None, what: str) -> str:
        last = ""
        for attempt in range(1, self.attempts + 1):
            wait = self.backoff * 2 ** (attempt - 1) * (1 + random.random() / 4)
            self.limiter.acquire()
            try:
                response = self.client.request(method, url, params=params, json=body)
            except httpx.TimeoutException:
                last = "SCB did not answer in time"
            except httpx.TransportError as exc:
                last = f"cannot reach {httpx.URL(url).host} ({exc.__class__.__name__}: {exc})"
                if isinstance(exc, httpx.ConnectError) and attempt >= 2:
                    raise SourceError(f"{what}: {last}") from exc  # refused or no route: retrying more won't help
            else:
                if response.status_code == 200:
                    try:
                        json.loads(response.text)
                        return response.text
                    except ValueError:
                        last = "the answer was not complete JSON (truncated?)"
                elif response.status_code in RETRY_STATUS:
                    last = f"HTTP {response.status_code}"
                    if response.status_code == 429:
                        last = "HTTP 429: too many requests"
                        wait = retry_after_seconds(response.headers.get("Retry-After"), wait)
                else:
                    raise SourceError(f"{what}: HTTP {response.status_code} {_problem(response)}")
            if attempt < self.attempts:
                self.stats.retries += 1
                time.sleep(wait)
        raise SourceError(f"{what}: {last} after {self.attempts} attempts")


def _problem(response: httpx.Response) -> str:
    """SCB's problem-details title/detail, when it sent one."""
    try:
        body = response.json()
    except ValueError:
        return response.reason_phrase
    if isinstance(body, dict):
        return " – ".join(str(body[k]) for k in ("title", "detail") if body.get(k)) or response.reason_phrase
    return response.reason_phrase
