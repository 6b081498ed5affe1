"""Static files arrive compressed at the highest level once their copy is ready, and are cached for a year."""

from __future__ import annotations

import gzip
import multiprocessing

import brotli
import pytest

from dashboard import ASSETS, create_app

ASSET = "/assets/style.css?m=1"


@pytest.fixture(scope="module")
def client():
    app = create_app()
    return app.server.test_client(), app.server.extensions["static_compression"]


@pytest.mark.parametrize(
    ("encoding", "level", "decode"),
    [
        ("br", lambda raw: brotli.compress(raw, quality=11), brotli.decompress),
        ("gzip", lambda raw: gzip.compress(raw, compresslevel=9, mtime=0), gzip.decompress),
    ],
)
def test_a_static_file_is_served_at_the_highest_level_once_compressed(client, encoding, level, decode) -> None:
    test_client, cache = client
    raw = (ASSETS / "style.css").read_bytes()
    first = test_client.get(ASSET, headers={"Accept-Encoding": f"{encoding}"})
    assert first.headers["Content-Encoding"] == encoding  # compressed at once, at the quick level
    assert decode(first.data) == raw
    cache.drain()
    best = test_client.get(ASSET, headers={"Accept-Encoding": f"{encoding}"})
    assert best.headers["Content-Encoding"] == encoding
    assert best.data == level(raw)
    assert len(best.data) <= len(first.data)
    assert "accept-encoding" in best.headers["Vary"].lower()
    assert best.cache_control.max_age == 31_536_000 and best.cache_control.public
    again = test_client.get(ASSET, headers={"Accept-Encoding": encoding, "If-None-Match": best.headers["ETag"]})
    assert again.status_code == 304


def test_without_accept_encoding_the_file_is_sent_as_it_is(client) -> None:
    test_client, cache = client
    test_client.get(ASSET, headers={"Accept-Encoding": "br"})
    cache.drain()
    plain = test_client.get(ASSET, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert plain.data == (ASSETS / "style.css").read_bytes()


def test_an_unfingerprinted_asset_is_revalidated_not_cached_for_a_year(client) -> None:
    test_client, _cache = client
    response = test_client.get("/assets/style.css", headers={"Accept-Encoding": "br"})
    assert response.cache_control.max_age != 31_536_000


def _serve_best_copy_in_this_process(test_client, cache) -> None:
    """In a forked worker: a file not compressed before the fork gets its highest-level copy."""
    raw = (ASSETS / "map.js").read_bytes()
    test_client.get("/assets/map.js?m=1", headers={"Accept-Encoding": "br"})
    cache.drain()
    best = test_client.get("/assets/map.js?m=1", headers={"Accept-Encoding": "br"})
    raise SystemExit(0 if best.data == brotli.compress(raw, quality=11) else 1)


def test_a_worker_forked_after_the_first_copy_makes_its_own(client) -> None:
    """gunicorn forks its workers from a process that may already have a compressing thread; a thread does
    not survive a fork, so each worker must start its own (else its copies never come)."""
    test_client, cache = client
    test_client.get(ASSET, headers={"Accept-Encoding": "br"})
    cache.drain()  # the parent has its thread
    worker = multiprocessing.get_context("fork").Process(target=_serve_best_copy_in_this_process, args=client)
    worker.start()
    worker.join(timeout=120)  # a bound for a hung child only: it returns as soon as the copy is made
    if worker.is_alive():
        worker.kill()
    assert worker.exitcode == 0
