"""Every text response reaches the browser compressed: the page, its scripts, and callback answers."""

from __future__ import annotations

READY = "() => window.atlas && Object.values(window.atlas.layers).filter(l => l._map).length >= 42"


def test_page_script_and_callback_arrive_compressed(page) -> None:
    seen: dict[str, dict[str, str]] = {}
    page.on("response", lambda r: seen.setdefault(r.url.removeprefix(page.base), r.all_headers()))
    page.goto(page.base + "/?municipality=1481&indicator=utlandsk_bakgrund&year=2025")
    page.wait_for_function(READY, timeout=30_000)
    page.wait_for_load_state("networkidle")

    def encoding(match) -> set[str]:
        found = {h.get("content-encoding") for url, h in seen.items() if match(url)}
        assert found, "no such response was seen"
        return found

    assert encoding(lambda u: u.startswith("/?")) <= {"br", "gzip"}
    assert encoding(lambda u: ".js" in u and "dash_renderer" in u) <= {"br", "gzip"}
    assert encoding(lambda u: "/_dash-update-component" in u) <= {"br", "gzip"}
    assert encoding(lambda u: u.startswith("/geo/")) == {"gzip"}  # already gzipped, never twice
    for url, headers in seen.items():
        if url.startswith(("/?", "/_dash", "/assets/", "/geo/")):
            assert "accept-encoding" in headers.get("vary", "").lower(), url
    assert page.errors == []
