"""axe-core in the browser tests: inject the vendored build and list serious and critical violations."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def violations(page, impacts: tuple[str, ...] = BLOCKING) -> list[dict]:
    """axe-core's violations on the page as it is now, of the given impacts: id, impact, help and the
    first few offending elements, ready to print in an assertion."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text("utf-8"))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in found
        if v["impact"] in impacts
    ]
