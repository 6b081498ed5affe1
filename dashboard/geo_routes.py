"""Map geometry over HTTP: one GeoJSON per (store version, level, edition, municipalities), compressed
once per worker at brotli's highest level (a third smaller than gzip for shapes) and with gzip.

`outline-<level>` serves the municipal outlines drawn around a map of that level.

The URL carries the store version, so a response never changes and is cached for a year by browsers
and proxies (`immutable`). Geometry is fetched once per view; restyles send only values.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass

import brotli
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


@dataclass(frozen=True)
class Payload:
    br: bytes  # brotli quality 11: Göteborg's DeSO 60 kB against gzip's 92 kB (~0.5 s once per worker)
    gz: bytes
    etag: str


@by_store_version()
def _payload(atlas: Atlas, level: str, edition: str, municipalities: str) -> Payload:
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
    etag = hashlib.sha256(body).hexdigest()[:32]
    return Payload(brotli.compress(body, quality=11), gzip.compress(body, compresslevel=6), etag)


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
        payload = _payload(atlas, level, edition, municipalities)
        if request.if_none_match.contains(payload.etag):
            return Response(status=304, headers={"ETag": f'"{payload.etag}"'})
        headers = {
            "ETag": f'"{payload.etag}"',
            "Cache-Control": "public, max-age=31536000, immutable",
            "Vary": "Accept-Encoding",
        }
        accepted = request.accept_encodings
        for encoding, body in (("br", payload.br), ("gzip", payload.gz)):
            if accepted[encoding]:
                headers["Content-Encoding"] = encoding
                return Response(body, mimetype="application/geo+json", headers=headers)
        return Response(gzip.decompress(payload.gz), mimetype="application/geo+json", headers=headers)
