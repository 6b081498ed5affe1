/* The explore map's view in the address: once the reader pans or zooms, the URL carries zoom/lat/lng (the key
   named by the map column's data-view-key, see dashboard/urlstate.py), so a shared link opens the same view.
   Panning replaces the current history entry (no Back step per drag) and tells Dash (the store `map-view`),
   so the next address it writes when a control changes keeps the view. A view the map only fitted itself
   (new municipalities) is not written. */
(function () {
  "use strict";
  var input = 0, watched = null;

  function leaflet() {
    var layer = Object.values((window.atlas && window.atlas.layers) || {}).find(function (l) { return l._map; });
    return layer ? layer._map : null;
  }

  function key() {
    var box = document.querySelector("[data-view-key]");
    return box ? box.getAttribute("data-view-key") : null;
  }

  function withView(url, view) {
    var target = new URL(url, window.location.href);
    target.searchParams.set(key(), view);
    return target.pathname + target.search.replace(/%2F/g, "/").replace(/%2C/g, ",") + target.hash;
  }

  function watch() {
    var map = leaflet();
    if (!map || map === watched) return;
    watched = map;
    map.on("moveend", function () {
      if (Date.now() - input > 10000 || !key()) return;  // the map fitted itself, the reader did not move it
      var centre = map.getCenter();
      var view = Math.round(map.getZoom() * 4) / 4 + "/" + centre.lat.toFixed(4) + "/" + centre.lng.toFixed(4);
      window.history.replaceState(window.history.state, "", withView(window.location.href, view));
      window.dash_clientside.set_props("map-view", {data: view});
    });
  }

  ["pointerdown", "wheel", "keydown", "touchstart"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (!event.target || !event.target.closest || !event.target.closest("#map")) return;
      input = Date.now();
      watch();  // before the map's own handler: its move ends after this (the map draws on a canvas, so no DOM change says when it is ready)
    }, true);
  });
})();
