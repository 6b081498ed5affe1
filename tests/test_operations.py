"""Operations: a graceful reload (gunicorn's SIGHUP, as a deploy sends it) loses no request under load."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import httpx
import psutil

from dashboard.localserver import serve_process


def test_a_graceful_reload_loses_no_request_under_load(store_dir: Path) -> None:
    procfile = ("--preload", "--graceful-timeout", "30")
    with serve_process(store_dir, workers=2, threads=2, extra=procfile) as (url, master):
        old = {p.pid for p in psutil.Process(master.pid).children()}
        paths = ["/healthz", "/", "/download/map.csv?municipality=1490&indicator=hyresratt", "/robots.txt"]
        codes: list[int | str] = []
        lock = threading.Lock()
        done = threading.Event()

        def client(i: int) -> None:
            with httpx.Client(base_url=url, timeout=60) as http:
                n = 0
                while not done.is_set() and n < 2000:  # bounded either way
                    try:
                        code: int | str = http.get(paths[(i + n) % len(paths)]).status_code
                    except httpx.HTTPError as exc:
                        code = type(exc).__name__
                    with lock:
                        codes.append(code)
                    n += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        while len(codes) < 50:  # under load before the reload
            time.sleep(0.01)
        master.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 120
        while True:  # until every worker is a new one and has served requests
            now = {p.pid for p in psutil.Process(master.pid).children()}
            if len(now) == 2 and not now & old:
                break
            assert time.monotonic() < deadline, "the workers were not replaced"
            time.sleep(0.05)
        after_reload = len(codes)
        while len(codes) < after_reload + 100:
            time.sleep(0.01)
        done.set()
        for t in threads:
            t.join()
    failed = [c for c in codes if c != 200]
    assert failed == [], f"{len(failed)} of {len(codes)} requests failed across the reload: {failed[:5]}"
