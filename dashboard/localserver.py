"""Serve the app with gunicorn on a free loopback port, and how to start Debian's headless Chromium
against it: for browser tests and benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"  # Debian's; never a browser download of Playwright's own
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def serve_locally(
    store: Path,
    module: str = "app:server",
    workers: int = 2,
    threads: int = 4,
    timeout: int = 120,
    startup: float = 90.0,
) -> Iterator[str]:
    """Yield the base URL once the server answers; stop it afterwards."""
    with serve_process(store, module, workers, threads, timeout, startup) as (url, _proc):
        yield url


@contextmanager
def serve_process(
    store: Path,
    module: str = "app:server",
    workers: int = 2,
    threads: int = 4,
    timeout: int = 120,
    startup: float = 90.0,
    project: Path = PROJECT,
    env: dict[str, str] | None = None,
    extra: tuple[str, ...] = (),
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Yield the base URL and the gunicorn master (its children are the workers) once the server answers;
    stop it afterwards. `project` is the tree served; `extra` more gunicorn options. Its log goes to a
    temporary file (a pipe could fill and stall it) and is quoted if it fails to start."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                module,
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--timeout",
                str(timeout),
                *extra,
            ],
            cwd=project,
            env={**os.environ, "GEODATA_STORE": str(store), **(env or {})},
            stdout=log,
            stderr=log,
        )
        try:
            deadline = time.monotonic() + startup
            while True:
                try:
                    if httpx.get(url + "/", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"{module} did not start:\n{log.read().decode(errors='replace')[-3000:]}")
                time.sleep(0.2)
            yield url, proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a worker still busy after gunicorn's graceful 30 s
                proc.kill()
                proc.wait()
