"""Live SCB sources against a look-alike server on 127.0.0.1: formats, limits, faults, end to end."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from geodata.catalog import FetchTable, load_catalogue
from geodata.errors import SourceError
from geodata.queries import current_atlas
from geodata.sources.http import RateLimiter, ScbHttp, retry_after_seconds
from geodata.sources.jsonstat import to_frame
from geodata.sources.scb_pxweb import Plan, PxWebClient, TableMeta, split_region_code, tidy
from geodata.sources.scb_wfs import WfsClient, cql_filter
from tests.fake_scb import FakeScb, Fault

REPO = Path(__file__).resolve().parent.parent
SCOPE = {"1480", "1481", "1490"}
CAT = load_catalogue()
POPULATION = next(t for t in CAT.tables if t.id == "TAB6574")


@pytest.fixture(scope="module")
def fake(bundle: Path):
    with FakeScb(bundle, SCOPE) as server:
        yield server


@pytest.fixture
def http(tmp_path: Path) -> ScbHttp:
    client = ScbHttp(None, timeout=5, attempts=3, backoff=0.05)
    yield client
    client.close()


def test_the_recorded_jsonstat_dataset_parses_cell_by_cell(bundle: Path) -> None:
    data = json.loads((bundle / "pxweb_recorded/v2/TAB6471_data.json").read_text("utf-8"))
    frame = to_frame(data)
    assert len(frame) == 21 * 11 * 3 * 1 * 4
    first = frame.iloc[0]
    assert (first.Region, first.Alder, first.Kon, first.Tid, first.value) == ("01", "0-9", "TotSa", "2026M01", 245284)


def test_the_client_reads_limits_from_config_and_a_recorded_table(fake: FakeScb, http: ScbHttp) -> None:
    px = PxWebClient(http, base=fake.url)
    assert px.max_cells == 150_000
    assert (http.limiter.calls, http.limiter.window) == (3, 1.0)  # what the recorded /config says
    frame = px.data("TAB6471", {"Region": ["01"]})
    assert len(frame) == 2772 and frame["value"].notna().all()


def test_suffixed_codes_lose_their_suffix_and_values_are_masked_by_edition_years() -> None:
    assert split_region_code("1480C3050_DeSO2025") == ("1480C3050", "deso", "2025")
    assert split_region_code("1480R072_RegSO2025") == ("1480R072", "regso", "2025")
    assert split_region_code("1480C3050") == ("1480C3050", "deso", "2018")
    assert split_region_code("1480") == ("1480", "kommun", None)
    assert split_region_code("Okänd") == ("Okänd", None, None)
    raw = pd.DataFrame(
        {
            "Region": ["1480C3050", "1480C3050", "1480C3050_DeSO2025", "1480C3050_DeSO2025", "1480", "1480"],
            "Tid": ["2022", "2024", "2022", "2024", "2022", "2024"],
            "value": [5.0, 0.0, 0.0, float("nan"), 50.0, 60.0],  # 0 outside the edition, '..' as NaN
        }
    )
    meta = TableMeta.__new__(TableMeta)
    meta.region_dim, meta.time_dim = "Region", "Tid"
    out = tidy(raw, Plan({}, {(): "folkmangd"}, [], [], []), meta)
    assert out[["code", "edition", "year", "value"]].values.tolist() == [
        ["1480C3050", "2018", 2022, 5.0],
        ["1480", "2018", 2022, 50.0],
        ["1480", "2025", 2024, 60.0],
    ]


def test_a_label_scb_does_not_offer_is_reported_with_what_it_offers(fake: FakeScb, http: ScbHttp) -> None:
    spec = FetchTable(
        "TAB6574", "FolkmDesoAldKon", "t", ("2018",), {"Kon": "totalt"}, {"folkmangd": {"Alder": "alla åldrar"}}
    )
    with pytest.raises(SourceError, match=r"Alder has no single value 'alla åldrar'; SCB offers: tot = totalt"):
        PxWebClient(http, base=fake.url).fetch(spec, lambda c: c.startswith("1480"), {2022})


def test_requests_are_split_on_regions_to_stay_under_the_cell_limit(bundle: Path, http: ScbHttp) -> None:
    wants = lambda c: c.startswith("1480")  # noqa: E731
    with FakeScb(bundle, SCOPE, config={"maxDataCells": 2000, "maxCallsPerTimeWindow": 0}) as small:
        split, _ = PxWebClient(http, base=small.url).fetch(POPULATION, wants, {2022, 2025})
        posts = small.calls("/data")
        assert len(posts) > 1
        for _t, _m, _p, body in posts:
            cells = 1
            for sel in body["selection"]:
                cells *= len(sel["valueCodes"])
            assert cells <= 2000
    with FakeScb(bundle, SCOPE, config={"maxCallsPerTimeWindow": 0}) as big:
        whole, _ = PxWebClient(http, base=big.url).fetch(POPULATION, wants, {2022, 2025})
        assert len(big.calls("/data")) == 1
    pd.testing.assert_frame_equal(
        split.sort_values(list(split.columns)).reset_index(drop=True),
        whole.sort_values(list(whole.columns)).reset_index(drop=True),
    )
    assert split.query("code == '1480' and year == 2022 and variable == 'folkmangd'").empty  # not published here
    assert split.query("year == 2025 and variable == 'folkmangd' and level == 'deso'")["value"].gt(0).all()


def test_the_rate_limiter_never_exceeds_the_window(fake: FakeScb, http: ScbHttp) -> None:
    px = PxWebClient(http, base=fake.url)  # 3 calls per second, from /config
    before = len(fake.log)
    for _ in range(7):
        px.metadata("TAB6568")
    stamps = [t for t, *_ in fake.log[before:]]
    assert len(stamps) == 7
    # The stamps are the server's arrival times: a request delayed on its way by a loaded machine arrives
    # late while the next one may not, so allow transport jitter (without the limiter they are ms apart;
    # the window itself is checked exactly with a fake clock below).
    for i in range(len(stamps) - 3):
        assert stamps[i + 3] - stamps[i] >= 0.9


def test_the_rate_limiter_sleeps_only_as_long_as_needed() -> None:
    now = [0.0]
    slept: list[float] = []
    limiter = RateLimiter(
        2, 10.0, clock=lambda: now[0], sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s))
    )
    for _ in range(5):
        limiter.acquire()
    assert slept == [10.0, 10.0]


def test_429_waits_for_retry_after_then_succeeds(fake: FakeScb, http: ScbHttp) -> None:
    fake.fail("/api/v2/tables/TAB6568/metadata", Fault(status=429, headers={"Retry-After": "1"}))
    px = PxWebClient(http, base=fake.url)
    start = time.monotonic()
    meta = px.metadata("TAB6568")
    assert time.monotonic() - start >= 1.0
    assert meta.region_dim == "Region" and http.stats.retries == 1
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 3.0) == 0.0
    assert retry_after_seconds(None, 3.0) == 3.0


def test_a_503_is_retried_and_the_second_answer_used(fake: FakeScb, http: ScbHttp) -> None:
    fake.fail("/api/v2/tables/TAB6571/metadata", Fault(status=503))
    assert PxWebClient(http, base=fake.url).metadata("TAB6571").dims["UtlBakgrund"].codes == ["1", "2"]
    assert http.stats.retries == 1


def test_a_timeout_is_retried(fake: FakeScb) -> None:
    client = ScbHttp(None, timeout=0.5, attempts=3, backoff=0.05)
    fake.fail("/api/v2/tables/TAB6572/metadata", Fault(delay=1.5))
    assert PxWebClient(client, base=fake.url).metadata("TAB6572").region_dim == "Region"
    assert client.stats.retries == 1
    client.close()


def test_truncated_json_is_retried_and_then_named(fake: FakeScb, http: ScbHttp) -> None:
    fake.fail("/api/v2/tables/TAB6258/metadata", Fault(truncate=True, times=3))
    with pytest.raises(SourceError, match=r"TAB6258 metadata: the answer was not complete JSON .* after 3 attempts"):
        PxWebClient(http, base=fake.url).metadata("TAB6258")


def test_a_missing_table_is_named_with_scbs_reason(fake: FakeScb, http: ScbHttp) -> None:
    with pytest.raises(SourceError, match=r"TAB9999 metadata: HTTP 404 Not Found – table TAB9999 does not exist"):
        PxWebClient(http, base=fake.url).metadata("TAB9999")


def test_wfs_pages_until_all_features_are_read(fake: FakeScb, http: ScbHttp) -> None:
    before = len(fake.calls("/wfs"))
    shapes = WfsClient(http, base=fake.wfs_url, page_size=100).boundaries("deso", "2025", cql_filter(["1480"]))
    assert len(shapes) == 320 and shapes["code"].is_unique and str(shapes.crs) == "EPSG:3006"
    assert len(fake.calls("/wfs")) - before == 4
    assert set(shapes["parent"].str[4]) == {"R"}
    assert cql_filter(counties=["14"]) == "lanskod IN ('14')"


def fetch_cli(fake_or_urls, store: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    api, wfs = fake_or_urls
    env = {**os.environ, "SCB_API_URL": api, "SCB_WFS_URL": wfs}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "geodata",
            "--store",
            str(store),
            "fetch",
            "--municipality",
            "1480,1481,1490",
            "--years",
            "2020-2025",
            "--cache",
            str(cache),
            "--quiet",
            *extra,
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_fetch_builds_a_store_the_app_serves_and_a_rerun_downloads_nothing(
    fake: FakeScb, tmp_path: Path, atlas
) -> None:
    store, cache = tmp_path / "store", tmp_path / "cache"
    first = fetch_cli((fake.url, fake.wfs_url), store, cache)
    assert first.returncode == 0, first.stderr
    assert "skipped  Tab1InkDesoRegso" in first.stderr and " 0 from cache" in first.stderr
    live = current_atlas(store)
    for code in SCOPE:  # the same real numbers as the bundle's build
        assert live.value("befolkning", "kommun", 2022, code) == atlas.value("befolkning", "kommun", 2022, code)
    ours = live.values("utlandsk_bakgrund", "deso", 2022, ["1480"]).set_index("code")["value"]
    theirs = atlas.values("utlandsk_bakgrund", "deso", 2022, ["1480"]).set_index("code")["value"]
    pd.testing.assert_series_equal(ours, theirs)
    assert live.values("hyresratt", "deso", 2025, ["1481"])["value"].notna().sum() == 42
    assert live.map_layer("befolkning", "deso", 2025, ["1480"]).frame["value"].notna().sum() == 320

    again = fetch_cli((fake.url, fake.wfs_url), store, cache)
    assert again.returncode == 0 and "SCB: 0 downloaded" in again.stderr
    refreshed = fetch_cli((fake.url, fake.wfs_url), store, cache, "--refresh")
    assert refreshed.returncode == 0 and " 0 from cache" in refreshed.stderr

    from dashboard.urlstate import parse
    from dashboard.views.explore import map_model

    live = current_atlas(store)  # the version read above was pruned by the two rebuilds
    assert "SCB live (kommun 1480, kommun 1481, kommun 1490; 2020-2025)" in live.store.manifest["source"]
    drawn = map_model(live, parse("?municipality=1480&year=2025&indicator=befolkning", live)[0])
    assert len(drawn.hideout.cls) == 320 and drawn.geometry_url.startswith(f"/geo/{live.version}/deso/2025/")


def test_a_failed_fetch_names_the_table_and_the_previous_store_keeps_serving(
    fake: FakeScb, tmp_path: Path, store_dir: Path
) -> None:
    import shutil

    store = tmp_path / "store"
    shutil.copytree(store_dir, store)
    before = current_atlas(store).version
    fake.fail("/api/v2/tables/TAB6571/data", Fault(status=500, times=2))
    done = fetch_cli((fake.url, fake.wfs_url), store, tmp_path / "cache", "--attempts", "2")
    assert done.returncode == 3
    assert "TAB6571 data: HTTP 500 after 2 attempts" in done.stderr and "store is unchanged" in done.stderr
    assert current_atlas(store).version == before


def test_scb_out_of_reach_is_said_plainly(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    done = fetch_cli((url + "/api/v2", url + "/wfs"), tmp_path / "store", tmp_path / "cache", "--attempts", "1")
    assert done.returncode == 3
    assert "SCB PxWebApi /config: cannot reach 127.0.0.1" in done.stderr
    assert not (tmp_path / "store" / "CURRENT").exists()
