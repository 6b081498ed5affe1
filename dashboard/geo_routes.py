"""Map geometry over HTTP: one GeoJSON per (store version, level, editions, municipalities). Like the
static files, each is compressed once per worker at the highest level in the background
(`dashboard.compression`: brotli 11 is a third smaller than gzip for shapes), quickly until then.

`outline-<level>` serves the municipal outlines drawn around a map of that level.

A map whose municipalities are drawn on different editions (a whole region of 2022: Stockholm county on
DeSO 2018, Göteborgsregionen on DeSO 2025) names each edition with its municipalities, in `EDITIONS` order:
`/geo/<version>/deso/2018+2025/0114,0180+1384,1480.geojson` (one municipality group per edition, each sorted,
no municipality twice). A single edition is the plain `/geo/<version>/deso/2025/1480,1481.geojson`.

The URL carries the store version, so a response never changes and is cached for a year by browsers
and proxies (`immutable`). Geometry is fetched once per view; restyles send only values.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence

from flask import Flask, Response, abort, request

from dashboard.by_version import by_store_version
from geodata.levels import EDITIONS
from geodata.queries import Atlas, current_atlas

ROUTE = "/geo/<version>/<level>/<edition>/<municipalities>.geojson"
GROUP = re.compile(r"^\d{4}(,\d{4})*$")
LEVELS = ("deso", "regso", "kommun", "lan")
OUTLINE = "outline-"


def editions_url(version: str, level: str, editions: Mapping[str, Sequence[str]]) -> str:
    """The address of a map's geometry, each edition with the municipalities drawn on it."""
    order = [e for e in EDITIONS if editions.get(e)]
    groups = "+".join(",".join(sorted(editions[e])) for e in order)
    return f"/geo/{version}/{level}/{'+'.join(order)}/{groups}.geojson"


def geometry_url(version: str, level: str, edition: str, municipalities: tuple[str, ...]) -> str:
    """The address of one edition's geometry for the municipalities."""
    return editions_url(version, level, {edition: municipalities})


class GeometryAddressError(ValueError):
    """A geometry address the route cannot serve (a 400, with this message)."""


def parse_editions(edition: str, municipalities: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The (edition, municipalities) groups of an address, canonical; a GeometryAddressError says what is
    wrong with any other."""
    editions, groups = edition.split("+"), municipalities.split("+")
    if any(e not in EDITIONS for e in editions):
        raise GeometryAddressError(f"unknown boundary edition; editions are {', '.join(EDITIONS)}")
    if editions != sorted(set(editions), key=EDITIONS.index):
        raise GeometryAddressError(f"boundary editions are named once each, in the order {'+'.join(EDITIONS)}")
    if len(groups) != len(editions) or not all(GROUP.match(g) for g in groups):
        raise GeometryAddressError(
            "municipalities are four-digit codes separated by commas, one group per edition separated by +"
        )
    codes = [g.split(",") for g in groups]
    flat = [c for group in codes for c in group]
    if len(set(flat)) != len(flat) or any(group != sorted(group) for group in codes):
        raise GeometryAddressError("each municipality is named once, in code order within its edition")
    return tuple((e, tuple(group)) for e, group in zip(editions, codes, strict=True))


@by_store_version()
def _payload(atlas: Atlas, level: str, groups: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[bytes, str]:
    features = []
    for edition, municipalities in groups:
        if level.startswith(OUTLINE):
            shapes = atlas.outlines(level.removeprefix(OUTLINE), edition, list(municipalities))
            names = atlas.register("kommun", EDITIONS[-1])["name"]
            bordering: dict[str, list[str]] = {}
        else:
            shapes = atlas.web_shapes(level, edition, list(municipalities))
            names = atlas.register(level, edition)["name"]
            bordering = atlas.neighbours(level, edition)
        drawn = set(shapes["code"])
        features += [
            {
                "type": "Feature",
                # nb: the drawn areas of the same edition bordering this one, for moving across the map with
                # the arrow keys (areas of different editions are in different regions)
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
        if level.removeprefix(OUTLINE) not in LEVELS:
            abort(404, description=f"unknown level; levels are {', '.join(LEVELS)}")
        try:
            groups = parse_editions(edition, municipalities)
        except GeometryAddressError as error:
            abort(400, description=str(error))
        body, etag = _payload(atlas, level, groups)
        response = Response(body, mimetype="application/geo+json")
        response.set_etag(etag)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response.make_conditional(request)
