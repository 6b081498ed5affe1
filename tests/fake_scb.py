"""A stand-in for SCB's PxWebApi 2.0 and geodata WFS on 127.0.0.1, for tests that never leave the machine.

It serves the real recorded responses in the bundle's `pxweb_recorded/` as they are, and for the DeSO/
RegSO tables (not among the recordings) JSON-stat2 written in the same format from the bundle's real
values. WFS pages are GeoJSON derived from the bundle's GeoPackages, filtered by CQL and paged.
Faults (status codes, Retry-After, delays, truncated bodies) are queued per request path.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import geopandas as gpd
import pandas as pd
import pyogrio

AGE_BANDS = [
    "0-4",
    "5-9",
    "10-14",
    "15-19",
    "20-24",
    "25-29",
    "30-34",
    "35-39",
    "40-44",
    "45-49",
    "50-54",
    "55-59",
    "60-64",
    "65-69",
    "70-74",
    "75-79",
]
KON = [("1", "män"), ("2", "kvinnor"), ("1+2", "totalt")]


@dataclass
class Fault:
    status: int = 200
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    truncate: bool = False
    times: int = 1


@dataclass
class Cube:
    """A table: dimensions (id, label, [(code, label)], eliminable) and values keyed by code tuples."""

    label: str
    dims: list[tuple[str, str, list[tuple[str, str]], bool]]
    values: dict[tuple[str, ...], float]

    def metadata(self) -> dict:
        return {
            "version": "2.0",
            "class": "dataset",
            "label": self.label,
            "source": "SCB",
            "id": [d[0] for d in self.dims],
            "size": [len(d[2]) for d in self.dims],
            "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
            "dimension": {
                dim_id: {
                    "label": label,
                    "extension": {"elimination": elim},
                    "category": {"index": {c: i for i, (c, _l) in enumerate(cats)}, "label": dict(cats)},
                }
                for dim_id, label, cats, elim in self.dims
            },
        }

    def data(self, selection: dict[str, list[str]]) -> dict:
        chosen = []
        for dim_id, label, cats, _elim in self.dims:
            wanted = selection.get(dim_id)
            picked = [(c, lab) for c, lab in cats if wanted is None or c in wanted]
            chosen.append((dim_id, label, picked))
        values: list[float | None] = []
        status: dict[str, str] = {}

        def walk(depth: int, key: tuple[str, ...]) -> None:
            if depth == len(chosen):
                v = self.values.get(key)
                if v is None:
                    status[str(len(values))] = ".."
                values.append(v)
                return
            for code, _lab in chosen[depth][2]:
                walk(depth + 1, (*key, code))

        walk(0, ())
        return {
            "version": "2.0",
            "class": "dataset",
            "label": self.label,
            "source": "SCB",
            "id": [c[0] for c in chosen],
            "size": [len(c[2]) for c in chosen],
            "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
            "dimension": {
                dim_id: {"label": label, "category": {"index": {c: i for i, (c, _l) in enumerate(p)}, "label": dict(p)}}
                for dim_id, label, p in chosen
            },
            "value": values,
            "status": status,
        }


def _regions(bundle: Path, municipalities: set[str]) -> tuple[list[tuple[str, str]], dict]:
    """Region categories as SCB lists them: riket, län, kommuner, then DeSO/RegSO in both editions."""
    kommuner = pyogrio.read_dataframe(bundle / "boundaries/kommuner.gpkg", read_geometry=False)
    lan = pyogrio.read_dataframe(bundle / "boundaries/lan.gpkg", read_geometry=False)
    corr = pd.read_csv(bundle / "correspondence/deso2018_regso2020.csv", dtype=str)
    d25 = pd.read_csv(bundle / "statistics/deso2025_2024_2025.csv", dtype={"region_code": str})
    cats = [("00", "Riket"), *sorted(zip(lan.lanskod, lan.lansnamn, strict=True))]
    cats += sorted(zip(kommuner.kommunkod, kommuner.kommunnamn, strict=True))
    names = dict(zip(kommuner.kommunkod, kommuner.kommunnamn, strict=True))
    mine = corr[corr.kommunkod.isin(municipalities)]
    cats += [(c, c) for c in sorted(mine.desokod)]
    cats += [(r, f"{r} {names[r[:4]]} ({n})") for r, n in sorted(set(zip(mine.regsokod, mine.regsonamn, strict=True)))]
    cats += [(f"{c}_DeSO2025", c) for c in sorted(set(d25.region_code)) if c[:4] in municipalities]
    return cats, names


def build_cubes(bundle: Path, municipalities: set[str]) -> dict[str, Cube]:
    """The DeSO/RegSO tables of the catalogue, filled with the bundle's real values."""
    regions, _names = _regions(bundle, municipalities)
    years = [(str(y), str(y)) for y in range(2020, 2026)]
    stats = pd.concat(
        [
            pd.read_csv(bundle / "statistics/deso2018_2022.csv", dtype={"region_code": str}),
            pd.read_csv(bundle / "statistics/regso2020_2020_2023.csv", dtype={"region_code": str}),
        ]
    )
    d25 = pd.read_csv(bundle / "statistics/deso2025_2024_2025.csv", dtype={"region_code": str})
    d25["region_code"] = d25["region_code"] + "_DeSO2025"
    stats = pd.concat([stats, d25])
    stats = stats[stats.region_code.str[:4].isin(municipalities)]
    stats["variable"] = stats["variable"].replace({"alder_80_år": "alder_80_w"})
    lookup = {(r, int(y), v): val for r, y, v, val in stats.itertuples(index=False)}
    plain_2018 = {c for c, _ in regions if len(c) >= 8 and "_" not in c}

    def fill(
        var_dim: tuple[str, str, list[tuple[str, str, str]]],
        extra: list[tuple[str, str, list[tuple[str, str]]]],
        label: str,
    ) -> Cube:
        dim_id, dim_label, var_cats = var_dim
        dims = [("Region", "region", regions, False), (dim_id, dim_label, [(c, lab) for c, lab, _v in var_cats], False)]
        dims += [(d, lab, cats, False) for d, lab, cats in extra]
        if dim_id != "ContentsCode":
            dims.append(("ContentsCode", "tabellinnehåll", [("000007Y7", "Antal")], False))
        dims.append(("Tid", "år", years, False))
        fixed = {d: cats[-1][0] for d, _l, cats in extra} | {"ContentsCode": "000007Y7"}
        values: dict[tuple[str, ...], float] = {}
        for region, _ in regions:
            for code, _lab, variable in var_cats:
                for year, _ in years:
                    v = lookup.get((region, int(year), variable))
                    if v is None and region in plain_2018 and int(year) >= 2024:
                        v = 0.0  # SCB's quirk: old codes report 0 in the new edition's years
                    if v is not None:
                        cell = {**fixed, "Region": region, dim_id: code, "Tid": year}
                        values[tuple(cell[d[0]] for d in dims)] = v
        return Cube(label, dims, values)

    age = [("tot", "totalt", "folkmangd")] + [(b, f"{b} år", f"alder_{b.replace('-', '_')}") for b in AGE_BANDS]
    age.append(("80+", "80- år", "alder_80_w"))
    tenure = [
        ("HYR", "hyresrätt", "lgh_hyresratt"),
        ("BR", "bostadsrätt", "lgh_bostadsratt"),
        ("AGR", "äganderätt", "lgh_aganderatt"),
        ("US", "uppgift saknas", "lgh_uppgift_saknas"),
    ]
    kon = ("Kon", "kön", KON)
    return {
        "TAB6574": fill(("Alder", "ålder", age), [kon], "Folkmängd per region efter ålder och kön"),
        "TAB6571": fill(
            (
                "UtlBakgrund",
                "utländsk/svensk bakgrund",
                [("1", "utländsk bakgrund", "bakgrund_utlandsk"), ("2", "svensk bakgrund", "bakgrund_svensk")],
            ),
            [kon],
            "Folkmängd efter bakgrund",
        ),
        "TAB6572": fill(
            ("Fodelseregion", "födelseregion", [("010", "Sverige", "fodda_sverige")]),
            [kon],
            "Folkmängd efter födelseregion",
        ),
        "TAB6568": fill(
            ("Hushallstyp", "hushållstyp", [("TOT", "totalt antal hushåll", "hushall")]), [], "Antal hushåll"
        ),
        "TAB5956": fill(
            (
                "UtbildningsNiva",
                "utbildningsnivå",
                [
                    ("21", "förgymnasial utbildning", "utb_forgymnasial"),
                    ("3+4", "gymnasial utbildning", "utb_gymnasial"),
                    ("5", "eftergymnasial utbildning, mindre än 3 år", "utb_eftergymn_kort"),
                    ("6", "eftergymnasial utbildning, 3 år eller mer", "utb_eftergymn_lang"),
                    ("US", "uppgift om utbildningsnivå saknas", "utb_saknas"),
                ],
            ),
            [],
            "Utbildning",
        ),
        "TAB6258": fill(("Upplatelseform", "upplåtelseform", tenure), [], "Lägenheter"),
        "TAB6638": fill(("Upplatelseform", "upplåtelseform", tenure), [], "Lägenheter 2025"),
        # Tables whose counts the bundle lacks: served in SCB's format, every cell "..".
        "TAB6534": fill(
            (
                "UtbildningsNiva",
                "utbildningsnivå",
                [
                    ("21", "förgymnasial utbildning", "utb_forgymnasial"),
                    ("3+4", "gymnasial utbildning", "utb_gymnasial"),
                    ("5", "eftergymnasial utbildning, mindre än 3 år", "utb_eftergymn_kort"),
                    ("6", "eftergymnasial utbildning, 3 år eller mer", "utb_eftergymn_lang"),
                    ("US", "uppgift om utbildningsnivå saknas", "utb_saknas"),
                ],
            ),
            [],
            "Utbildning 2025",
        ),
        "TAB6680": fill(
            (
                "Sysselsattning",
                "sysselsättning",
                [
                    ("FA", "förvärvsarbetande", "bas_forvarvsarbetande"),
                    ("AL", "arbetslösa", "bas_arbetslosa"),
                    ("TOT", "totalt", "bas_totalt"),
                ],
            ),
            [kon],
            "Sysselsättning",
        ),
        "TAB6685": fill(
            (
                "ContentsCode",
                "tabellinnehåll",
                [
                    ("LES", "antal personer med låg ekonomisk standard", "lag_ek_standard_antal"),
                    ("TOT", "antal personer totalt", "ek_standard_antal_personer"),
                ],
            ),
            [],
            "Ekonomisk standard",
        ),
        "TAB6586": fill(
            ("ContentsCode", "tabellinnehåll", [("0000080T", "områdestyp", "omradestyp")]), [], "Områdestyp"
        ),
    }


class FakeScb:
    """The server: `.url` is the PxWebApi base, `.wfs_url` the WFS endpoint."""

    def __init__(self, bundle: Path, municipalities: set[str], config: dict | None = None) -> None:
        self.bundle = bundle
        self.recorded = bundle / "pxweb_recorded" / "v2"
        self.config = {**json.loads((self.recorded / "config.json").read_text("utf-8")), **(config or {})}
        self.cubes = build_cubes(bundle, municipalities)
        self.faults: dict[str, list[Fault]] = {}
        self.log: list[tuple[float, str, str, dict | None]] = []
        self._layers: dict[str, gpd.GeoDataFrame] = {}
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/v2"

    @property
    def wfs_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/geoserver/stat/wfs"

    def __enter__(self) -> FakeScb:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail(self, path: str, fault: Fault) -> None:
        self.faults.setdefault(path, []).append(fault)

    def calls(self, path_part: str) -> list[tuple[float, str, str, dict | None]]:
        return [c for c in self.log if path_part in c[2]]

    # ---------------------------------------------------------------- answers

    def layer(self, name: str) -> gpd.GeoDataFrame:
        files = {
            "stat:DeSO_2025": ["DeSO_2025_goteborgsregionen.gpkg", "DeSO_2025_vastra_gotaland_more.gpkg"],
            "stat:RegSO_2025": ["RegSO_2025_goteborgsregionen.gpkg"],
        }
        if name not in self._layers:
            parts = [
                pyogrio.read_dataframe(self.bundle / "boundaries" / f).to_crs("EPSG:3006") for f in files.get(name, [])
            ]
            self._layers[name] = (
                gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs="EPSG:3006")
                if parts
                else gpd.GeoDataFrame({"kommunkod": []}, geometry=[], crs="EPSG:3006")
            )
        return self._layers[name]

    def wfs(self, query: dict[str, list[str]]) -> dict:
        layer = self.layer(query["typeNames"][0])
        cql = query.get("CQL_FILTER", [""])[0]
        match = re.match(r"(kommunkod|lanskod) IN \(([^)]*)\)", cql)
        if match:
            codes = re.findall(r"'(\d+)'", match.group(2))
            column = "kommunkod" if match.group(1) == "kommunkod" else "lanskod"
            layer = layer[layer[column].isin(codes)] if len(layer) else layer
        start, count = int(query.get("startIndex", ["0"])[0]), int(query.get("count", ["1000"])[0])
        page = layer.iloc[start : start + count]
        collection = json.loads(page.to_json()) if len(page) else {"type": "FeatureCollection", "features": []}
        collection["numberMatched"] = len(layer)
        collection["numberReturned"] = len(page)
        return collection

    def answer(self, method: str, path: str, query: dict, body: dict | None) -> tuple[int, dict, str]:
        if path.endswith("/geoserver/stat/wfs"):
            return 200, {}, json.dumps(self.wfs(query))
        m = re.match(r".*/api/v2/(config|tables/(\w+)/(metadata|data))$", path)
        if not m:
            return 404, {}, json.dumps({"title": "Not found"})
        if m.group(1) == "config":
            return 200, {}, json.dumps(self.config)
        table, what = m.group(2), m.group(3)
        recorded = self.recorded / f"{table}_{what}.json"
        if recorded.is_file():
            return 200, {}, recorded.read_text("utf-8")
        if table not in self.cubes:
            return 404, {}, json.dumps({"title": "Not Found", "detail": f"table {table} does not exist"})
        cube = self.cubes[table]
        if what == "metadata":
            return 200, {}, json.dumps(cube.metadata(), ensure_ascii=False)
        selection = {s["variableCode"]: s["valueCodes"] for s in (body or {}).get("selection", [])}
        cells = 1
        for dim_id, _l, cats, _e in cube.dims:
            cells *= len(selection.get(dim_id, cats))
        if cells > int(self.config["maxDataCells"]):
            return 403, {}, json.dumps({"title": "Too many cells", "detail": f"{cells} cells"})
        return 200, {}, json.dumps(cube.data(selection), ensure_ascii=False)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _serve(self, method: str) -> None:
                parsed = urlparse(self.path)
                body = None
                if method == "POST":
                    length = int(self.headers.get("Content-Length") or 0)
                    body = json.loads(self.rfile.read(length) or b"{}")
                fake.log.append((time.monotonic(), method, parsed.path, body))
                status, headers, text = 200, {}, ""
                queue = fake.faults.get(parsed.path)
                fault = queue[0] if queue else None
                if fault is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        queue.pop(0)
                    time.sleep(fault.delay)
                if fault is not None and fault.status != 200:
                    status, headers, text = fault.status, fault.headers, json.dumps({"title": "fault"})
                else:
                    status, headers, text = fake.answer(method, parsed.path, parse_qs(parsed.query), body)
                    if fault is not None and fault.truncate:
                        text = text[: len(text) // 2]
                payload = text.encode("utf-8")
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

        return Handler
