"""The workers' memory of whole responses (`dashboard.cache.ResponseCache`): what is kept, for how long,
within what bound, and that the app's pages, layouts and callbacks answer the same from it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dashboard.cache import DiskCache, ResponseCache
from tests.dash_calls import callback_body, find_output

MAP_Q = "level=deso&municipality=1480,1481&indicator=hyresratt&year=2022&classes=quantiles&lang=sv"


class App:
    """A WSGI app that counts its calls and answers `status` with the path, query and body echoed."""

    def __init__(self) -> None:
        self.calls = 0
        self.status = "200 OK"
        self.headers = [("Content-Type", "text/plain")]

    def __call__(self, environ, start_response):
        self.calls += 1
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        start_response(self.status, list(self.headers))
        return [f"{environ['PATH_INFO']}?{environ['QUERY_STRING']} ".encode(), body, b"x" * 1000]


def request(cache, path="/", query="", method="GET", body=b"", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        **headers,
    }
    seen = []
    body = b"".join(cache(environ, lambda status, headers, exc_info=None: seen.extend([status, headers])))
    return seen[0], dict(seen[1]), body


def key(environ, body):
    return None if environ["PATH_INFO"] == "/never" else (environ["PATH_INFO"], environ["QUERY_STRING"], body)


def make(max_bytes=100_000, version=lambda: "v1", shared=None):
    app = App()
    return app, ResponseCache(app, key, version, max_bytes, shared)


def test_a_response_asked_for_again_is_answered_from_memory_with_the_same_status_headers_and_body() -> None:
    app, cache = make()
    first = request(cache, "/a", "x=1")
    assert request(cache, "/a", "x=1") == first and app.calls == 1
    request(cache, "/a", "x=2")  # another query: another response
    request(cache, "/a", "x=1", HTTP_ACCEPT_ENCODING="br")  # another encoding: another response
    request(cache, "/never")
    request(cache, "/never")
    assert app.calls == 5


def test_callback_bodies_are_part_of_the_key_and_reach_the_app_unchanged() -> None:
    app, cache = make()
    one = request(cache, "/cb", method="POST", body=b'{"a":1}')
    assert b'{"a":1}' in one[2]
    assert request(cache, "/cb", method="POST", body=b'{"a":2}')[2] != one[2]
    assert request(cache, "/cb", method="POST", body=b'{"a":1}') == one and app.calls == 2


def test_a_body_over_the_apps_limit_is_neither_read_nor_kept() -> None:
    app = App()
    cache = ResponseCache(app, key, lambda: "v1", max_body=8)
    for calls in (1, 2):
        stream = io.BytesIO(b'{"a":"longer than eight"}')
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/cb",
            "QUERY_STRING": "",
            "CONTENT_LENGTH": "25",
            "wsgi.input": stream,
            "wsgi.url_scheme": "http",
        }
        cache(environ, lambda *a: None)
        assert environ["wsgi.input"] is stream  # the app read the request's own stream, not a copy
        assert app.calls == calls  # and it answers every time: nothing kept


def test_errors_conditional_requests_and_cookies_are_never_kept() -> None:
    app, cache = make()
    app.status = "500 INTERNAL SERVER ERROR"
    request(cache, "/a")
    app.status = "200 OK"
    assert request(cache, "/a")[0] == "200 OK" and app.calls == 2  # the failure was not kept
    request(cache, "/a", HTTP_IF_NONE_MATCH='"x"')
    assert app.calls == 3
    app.headers.append(("Set-Cookie", "s=1"))
    request(cache, "/b")
    request(cache, "/b")
    assert app.calls == 5


def test_a_new_store_version_starts_afresh_and_an_unreadable_store_keeps_nothing() -> None:
    version = ["v1"]

    def current() -> str:
        if version[0] is None:
            raise OSError("no store")
        return version[0]

    app, cache = make(version=current)
    request(cache, "/a")
    version[0] = "v2"
    request(cache, "/a")
    assert app.calls == 2 and len(cache.entries) == 1
    version[0] = None
    request(cache, "/a")
    request(cache, "/a")
    assert app.calls == 4


def test_memory_is_bounded_least_recently_used_first() -> None:
    app, cache = make(max_bytes=5000)
    for path in ("/1", "/2", "/3"):
        request(cache, path)
    request(cache, "/1")  # used again: /2 is now the oldest
    request(cache, "/4")
    assert cache.size <= 5000 and app.calls == 4
    calls = app.calls
    request(cache, "/1")
    assert app.calls == calls
    request(cache, "/2")
    assert app.calls == calls + 1


def test_what_one_worker_answered_the_others_serve_from_the_shared_cache(tmp_path: Path) -> None:
    disk = DiskCache(tmp_path / "cache")
    (tmp_path / "versions" / "v1").mkdir(parents=True)
    one, first = make(shared=lambda: disk)
    two, second = make(shared=lambda: disk)
    answer = request(first, "/a", "x=1", method="POST", body=b"{}")
    assert request(second, "/a", "x=1", method="POST", body=b"{}") == answer
    assert (one.calls, two.calls) == (1, 0)
    assert request(second, "/a", "x=2")[2] != answer[2] and two.calls == 1
    one.status = "404 NOT FOUND"
    request(first, "/b")
    request(second, "/b")
    assert (one.calls, two.calls) == (2, 2)  # an error is not shared either


@pytest.fixture(scope="module")
def app():
    from dashboard import create_app

    return create_app()


def test_pages_layouts_and_callbacks_answer_the_same_from_memory(app, monkeypatch) -> None:
    import dashboard.views.explore as explore

    client = app.server.test_client()
    layout = lambda: client.get("/_dash-layout", headers={"Referer": f"http://localhost/?{MAP_Q}"})  # noqa: E731
    output = find_output(app, "legend.children")
    state = json.loads(layout().text)  # the state store's data, as the page holds it
    data = next(c for c in _components(state) if c.get("props", {}).get("id") == "state")["props"]["data"]
    body = callback_body(app, output, {"state.data": data}, ["state.data"])
    first = [client.get(f"/?{MAP_Q}"), layout(), client.post("/_dash-update-component", json=body)]
    assert all(r.status_code == 200 for r in first)
    monkeypatch.setattr(explore, "map_model", None)  # asked again: nothing of the view runs
    again = [client.get(f"/?{MAP_Q}"), layout(), client.post("/_dash-update-component", json=body)]
    for one, two in zip(first, again, strict=True):
        assert (one.status_code, one.data, one.headers.get("Content-Type")) == (
            two.status_code,
            two.data,
            two.headers.get("Content-Type"),
        )
        assert two.headers.get("Content-Security-Policy") == one.headers.get("Content-Security-Policy")


def _components(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _components(value)
    elif isinstance(node, list):
        for value in node:
            yield from _components(value)


def test_press_bodies_are_compressed_once_and_answer_as_flask_compress_would(app, monkeypatch) -> None:
    import brotli

    import dashboard.press.routes as routes

    client = app.server.test_client()
    path = f"/snapshot/map.svg?{MAP_Q}&width=640"
    plain = client.get(path)
    packed = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed.headers["Content-Encoding"] == "br" and brotli.decompress(packed.data) == plain.data
    assert packed.headers["ETag"] == plain.headers["ETag"][:-1] + ':br"' and "Accept-Encoding" in packed.headers["Vary"]
    monkeypatch.setattr(routes, "_compress_data", None)  # asked again: the kept copy, not compressed again
    again = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert again.data == packed.data and again.headers["ETag"] == packed.headers["ETag"]
    conditional = {"Accept-Encoding": "br", "If-None-Match": again.headers["ETag"]}
    assert client.get(path, headers=conditional).status_code == 304
