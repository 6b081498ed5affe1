"""Fuzz sweep: N generated addresses over every route and M forged callback bodies through the Flask test
client, counting answers by status; the target is no 5xx at all.

Run: `python -m benchmarks.fuzz [--urls 10000] [--bodies 500] [--seed 1]` (reads `GEODATA_STORE`).
The values are those of `tests/test_fuzz.py` (known good, odd and random text), drawn with a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import time
from collections import Counter
from urllib.parse import quote

from tests.dash_calls import callback_body
from tests.test_fuzz import GOOD, KEYS, ODD_VALUES, PATHS

TEXT = string.printable + "åäöÅÄÖ²³½€\u200b\u0000ß🙂"


def value(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return rng.choice(GOOD)
    if kind < 0.7:
        return rng.choice(ODD_VALUES)
    if kind < 0.85:
        return str(rng.randint(-(10**12), 10**12))
    return "".join(rng.choice(TEXT) for _ in range(rng.randint(0, 12)))


def json_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(8 if depth < 2 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.randint(-(10**9), 10**9)
    if kind == 3:
        return rng.uniform(-1e6, 1e6)
    if kind in (4, 5):
        return value(rng)
    if kind == 6:
        return [json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {value(rng)[:8]: json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--urls", type=int, default=10_000)
    p.add_argument("--bodies", type=int, default=500)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    os.environ.setdefault("PUBLIC_URL", "https://atlas.example")
    from dashboard import create_app

    app = create_app()
    client = app.server.test_client()
    rng = random.Random(args.seed)
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    start = time.perf_counter()
    for i in range(args.urls):
        params = [(rng.choice(KEYS), value(rng)) for _ in range(rng.randint(0, 6))]
        url = rng.choice(PATHS) + "?" + "&".join(f"{quote(k)}={quote(v, safe=',')}" for k, v in params)
        code = client.get(url).status_code
        statuses[code] += 1
        if code >= 500:
            failures.append(f"{code} {url}")
        if (i + 1) % 1000 == 0:
            print(f"  {i + 1} addresses, {time.perf_counter() - start:.0f} s, 5xx so far: {len(failures)}", flush=True)
    print(f"addresses: {args.urls}, answers {dict(sorted(statuses.items()))}, 5xx: {len(failures)}")
    bodies: Counter[int] = Counter()
    outputs = sorted(app.callback_map)
    for _ in range(args.bodies):
        output = rng.choice(outputs)
        spec = app.callback_map[output]
        names = [f"{d['id']}.{d['property']}" for d in (*spec["inputs"], *spec.get("state", []))]
        body = callback_body(app, output, {n: json_value(rng) for n in names}, [rng.choice(names)])
        mutation = rng.choice(["none", "drop", "replace", "extra"])
        if mutation == "drop":
            body.pop(rng.choice(sorted(body)))
        elif mutation == "replace":
            body[rng.choice(sorted(body))] = json_value(rng)
        elif mutation == "extra":
            body[value(rng)[:8]] = json_value(rng)
        code = client.post(
            "/_dash-update-component", data=json.dumps(body), content_type="application/json"
        ).status_code
        bodies[code] += 1
        if code >= 500:
            failures.append(f"{code} callback {json.dumps(body)[:300]}")
    print(f"forged callback bodies: {args.bodies}, answers {dict(sorted(bodies.items()))}")
    print(f"5xx in all: {len(failures)} (target 0) in {time.perf_counter() - start:.0f} s")
    for f in failures[:20]:
        print("  " + f)


if __name__ == "__main__":
    main()
