"""Map geometry over HTTP: one GeoJSON per (store version, level, edition, municipalities). Like the
static files, each is compressed once per worker at the highest level in the background
(`dashboard.compression`: brotli 11 is a third smaller than gzip for shapes), quickly until then.

`outline-<level>` serves the municipal outlines drawn around a map of that level.

The URL carries the store version, so a response never changes and is cached for a year by browsers
and proxies (`immutable`). Geometry is fetched once per view; restyles send only values.
"""

from __future__ import annotations

import hashlib
import json
import re

from flask import Flask, Response, abort, request

from dashboard.by_version import by_store_version
from geodata.levels import EDITIONS
from geodata.queries import Atlas, current_atlas

ROUTE = "/geo/<version>/<level>/<edition>/<municipalities>.geojson"
MUNICIPALITIES = re.compile(r"^\d{4}(,\d{4})*$")
LEVELS = ("deso", "regso", "kommun", "lan")
OUTLINE = "outline-"


def geometry_url(version: str, level: str, edition: str, municipalities: tuple[str, ...]) -> str:
    return f"/geo/{version}/{level}/{edition}/{','.join(sorted(municipalities))}.geojson"


@by_store_version()
def _payload(atlas: Atlas, level: str, edition: str, municipalities: str) -> tuple[bytes, str]:
    if level.startswith(OUTLINE):
        shapes = atlas.outlines(level.removeprefix(OUTLINE), edition, municipalities.split(","))
        names = atlas.register("kommun", EDITIONS[-1])["name"]
        bordering: dict[str, list[str]] = {}
    else:
        shapes = atlas.web_shapes(level, edition, municipalities.split(","))
        names = atlas.register(level, edition)["name"]
        bordering = atlas.neighbours(level, edition)
    drawn = set(shapes["code"])
    features = [
        {
            "type": "Feature",
            # nb: the drawn areas bordering this one, for moving across the map with the arrow keys
            "properties": {
                "code": code,
                "name": str(names.get(code, code)) or code,
                "nb": [n for n in bordering.get(code, ()) if n in drawn],
            },
            "geometry": geom.__geo_interface__,
        }
        for code, geom in zip(shapes["code"], shapes.geometry, strict=True)
    ]
    body = json.dumps(
        {"type": "FeatureCollection", "features": features}, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    return body, hashlib.sha256(body).hexdigest()[:32]


def register_geo_routes(server: Flask) -> None:
    @server.get(ROUTE)
    def geometry(version: str, level: str, edition: str, municipalities: str) -> Response:
        atlas = current_atlas()
        if version != atlas.version:
            abort(404, description="this map geometry belongs to an older data store; reload the page")
        if level.removeprefix(OUTLINE) not in LEVELS or edition not in ("2018", "2025"):
            abort(404)
        if not MUNICIPALITIES.match(municipalities):
            abort(400, description="municipalities are four-digit codes separated by commas")
        body, etag = _payload(atlas, level, edition, municipalities)
        response = Response(body, mimetype="application/geo+json")
        response.set_etag(etag)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response.make_conditional(request)
