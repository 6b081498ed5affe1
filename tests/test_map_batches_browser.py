"""The map's areas are added in short batches (`assets/map_chunks.js`): all of them arrive, and clearing the
layer or giving it new data stops a batch still pending, so old areas never reappear under new ones.
Synthetic squares: a test of the batching, not of SCB data."""

from __future__ import annotations

BATCHES = """async ([first, second, clearAfter]) => {
  const square = (x) => [[[x, 57], [x + 0.001, 57], [x, 57.001], [x, 57]]];
  const squares = (n, tag) => ({type: "FeatureCollection", features: [...Array(n).keys()].map(i => ({
    type: "Feature", properties: {code: tag + i}, geometry: {type: "Polygon", coordinates: square(12 + i / 1000)},
  }))});
  const settle = async (layer) => {  // until no batch adds anything for a while
    let last = -1, still = 0;
    for (let k = 0; k < 2000 && still < 20; k++) {
      await new Promise(r => setTimeout(r, 0));
      const n = layer.getLayers().length;
      still = n === last ? still + 1 : 0;
      last = n;
    }
    return last;
  };
  const realNow = performance.now;
  let t = 0;
  performance.now = () => (t += 100);  // every feature overruns the budget: one feature per batch
  try {
    const layer = L.geoJSON();
    layer.addData(squares(first, "a"));
    const atOnce = layer.getLayers().length;
    if (clearAfter) {
      layer.clearLayers();
    }
    if (second) {
      layer.addData(squares(second, "b"));
    }
    const n = await settle(layer);
    const codes = layer.getLayers().map(l => l.feature.properties.code);
    return {atOnce, n, old: codes.filter(c => c.startsWith("a")).length, adding: window.atlas.adding};
  } finally {
    performance.now = realNow;
  }
}"""


def test_areas_arrive_in_batches_and_all_of_them(page) -> None:
    page.goto(page.base + "/?municipality=1481&indicator=utlandsk_bakgrund&year=2025")
    page.wait_for_function("() => window.L && window.atlas && Object.values(window.atlas.layers).some(l => l._map)")
    got = page.evaluate(BATCHES, [60, 0, False])
    assert got == {"atOnce": 1, "n": 60, "old": 60, "adding": 0}


def test_clearing_or_new_data_stops_a_pending_batch(page) -> None:
    page.goto(page.base + "/?municipality=1481&indicator=utlandsk_bakgrund&year=2025")
    page.wait_for_function("() => window.L && window.atlas && Object.values(window.atlas.layers).some(l => l._map)")
    assert page.evaluate(BATCHES, [60, 0, True]) == {"atOnce": 1, "n": 0, "old": 0, "adding": 0}
    # dash-leaflet's way with new data: clear, then add the new collection
    assert page.evaluate(BATCHES, [60, 25, True]) == {"atOnce": 1, "n": 25, "old": 0, "adding": 0}
    # new data without a clear: the old collection's pending batch stops, what it had added stays
    assert page.evaluate(BATCHES, [60, 25, False]) == {"atOnce": 1, "n": 26, "old": 1, "adding": 0}
