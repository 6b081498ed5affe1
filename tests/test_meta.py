"""Link previews and oEmbed discovery in every page's <head>: the view's own title, sentence and picture."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlparse

import pytest

MAP = "/?level=deso&municipality=1481&indicator=utlandsk_bakgrund&year=2025&lang=en"


@pytest.fixture(scope="module")
def client():
    from dashboard import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PUBLIC_URL", "https://atlas.example")
        yield create_app().server.test_client()


def _tags(html: str) -> dict[str, str]:
    found = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', html))
    return {k: unescape(v) for k, v in found.items()}


def test_a_map_page_carries_its_title_sentence_picture_and_oembed_link(client) -> None:
    page = client.get(MAP).get_data(as_text=True)
    assert '<html lang="en">' in page
    tags = _tags(page)
    assert tags["og:title"] == "Foreign background 2025" and "<title>Foreign background 2025 · " in page
    assert tags["description"].startswith("Map of DeSO areas in Mölndal: foreign background in 2025 ranges from")
    image = urlparse(tags["og:image"])
    assert image.netloc == "atlas.example" and image.path == "/snapshot/map.png"
    assert tags["twitter:card"] == "summary_large_image" and tags["og:locale"] == "en_GB"
    picture = client.get(f"{image.path}?{image.query}")
    assert picture.status_code == 200 and picture.mimetype == "image/png"
    oembed = re.search(r'type="application/json\+oembed" href="([^"]+)"', page).group(1)
    answer = client.get(unescape(oembed).removeprefix("https://atlas.example"))
    assert answer.status_code == 200 and answer.get_json()["title"] == "Foreign background 2025"


def test_compare_segregation_help_and_embed_pages_have_previews(client) -> None:
    compare = _tags(client.get("/compare?areas=1480R044,1490R019&indicator=hyresratt&year=2023").get_data(as_text=True))
    assert compare["og:title"] == "Hyresrätter 2023" and "/snapshot/chart.png" in compare["og:image"]
    seg = _tags(client.get("/segregation?municipality=1480,1481").get_data(as_text=True))
    assert "/snapshot/segregation.png" in seg["og:image"] and seg["description"]
    about = client.get("/om?lang=sv").get_data(as_text=True)
    assert _tags(about)["og:title"] == "Segregationsatlas" and "application/json+oembed" not in about
    embed = client.get("/embed/map" + MAP[1:]).get_data(as_text=True)
    assert 'type="application/json+oembed"' in embed and "<main>" in embed
    assert '<link rel="canonical" href="https://atlas.example/?level=deso&amp;municipality=1481' in embed
    assert '<meta name="description" content="Map of DeSO areas in Mölndal' in embed
    assert "/embed/" not in client.get("/robots.txt").get_data(as_text=True)  # embeds may be crawled


def test_a_hot_spot_snapshot_is_titled_as_a_hot_and_cold_spot_map(client, atlas) -> None:
    from dashboard.urlstate import parse
    from dashboard.views.explore import map_model

    lisa = next(i for i in atlas.catalogue.ids() if atlas.catalogue.get(i).lisa)
    state, _ = parse(f"?level=deso&municipality=1480&indicator={lisa}&year=2025&layer=lisa&lang=sv", atlas)
    parts = map_model(atlas, state)
    assert parts.title.startswith("Heta och kalla fläckar: ")
    assert parts.alt.startswith("Heta och kalla fläckar: ")
    values, _ = parse(f"?level=deso&municipality=1480&indicator={lisa}&year=2025&lang=sv", atlas)
    assert not map_model(atlas, values).title.startswith("Heta")


def test_cached_renders_are_keyed_by_the_code_that_draws_them() -> None:
    from dashboard import cache

    assert len(cache.CODE_VERSION) == 16
    key = cache.cache_key("map_embed", ("state",), 800)
    assert key == cache.cache_key("map_embed", ("state",), 800)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cache, "CODE_VERSION", "another-deploy")
        assert cache.cache_key("map_embed", ("state",), 800) != key  # a new deploy never reads the old render
