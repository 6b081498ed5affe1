"""Call a Dash callback through the Flask test client the way the browser does (a POST to
`/_dash-update-component`), by its output key and the values of its inputs and states."""

from __future__ import annotations


def _output_spec(output: str) -> list[dict] | dict:
    if "." not in output:  # a callback without outputs: Dash keys it by a hash
        return []
    if output.startswith(".."):
        parts = [p for p in output.strip(".").split("...") if p]
        return [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]
    ident, prop = output.rsplit(".", 1)
    return {"id": ident, "property": prop}


def find_output(app, component: str) -> str:
    """The callback_map key of the callback whose outputs include `component` (e.g. 'seg-body.children')."""
    for key in app.callback_map:
        if component in key.strip(".").split("..."):
            return key
    raise KeyError(component)


def callback_body(app, output: str, values: dict[str, object], changed: list[str]) -> dict:
    """A body for the callback `output`: `values` maps 'id.property' to a value (missing ones are None)."""
    spec = app.callback_map[output]

    def deps(items: list[dict]) -> list:
        out = []
        for d in items:
            ident = d["id"]
            if ident.startswith("{"):  # a pattern-matching input: no components of it on the page
                out.append([])
                continue
            out.append({"id": ident, "property": d["property"], "value": values.get(f"{ident}.{d['property']}")})
        return out

    return {
        "output": output,
        "outputs": _output_spec(output),
        "inputs": deps(spec["inputs"]),
        "state": deps(spec.get("state", [])),
        "changedPropIds": changed,
    }


def call(client, app, component: str, values: dict[str, object], changed: list[str] | None = None):
    """POST the callback that outputs `component`; returns the Flask response."""
    output = find_output(app, component)
    body = callback_body(app, output, values, changed if changed is not None else list(values)[:1])
    return client.post("/_dash-update-component", json=body)
