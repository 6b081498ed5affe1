/* The map from the keyboard: with an area chosen, the arrow keys move to the bordering area in that
   direction (the `nb` list each area's feature carries), as a click would; with none chosen, Enter picks
   the area nearest the map's centre. Each move is said in the live region #map-announce once its panel
   shows it: name, value and place. Without a chosen area the arrows pan the map as Leaflet's do. */
(function () {
  "use strict";
  var DIRECTION = {ArrowRight: 0, ArrowDown: 90, ArrowLeft: 180, ArrowUp: -90};
  var pending = null;

  function point(layer) {
    return layer._map.latLngToContainerPoint(layer.getBounds().getCenter());
  }

  function toward(code, key) {
    var here = window.atlas.layers[code];
    if (!here || !here._map) return null;
    var from = point(here), best = null, bestScore = Infinity;
    (here.feature.properties.nb || []).forEach(function (other) {
      var layer = window.atlas.layers[other];
      if (!layer || !layer._map) return;
      var to = point(layer);
      var angle = Math.atan2(to.y - from.y, to.x - from.x) * 180 / Math.PI;
      var off = Math.abs(((angle - DIRECTION[key]) + 540) % 360 - 180);
      if (off > 67.5) return;
      var score = off + Math.hypot(to.x - from.x, to.y - from.y) / 50;  // mostly direction, then nearness
      if (score < bestScore) { best = other; bestScore = score; }
    });
    return best;
  }

  function nearestToCentre(map) {
    var centre = map.getSize().divideBy(2), best = null, bestDistance = Infinity;
    Object.keys(window.atlas.layers).forEach(function (code) {
      var layer = window.atlas.layers[code];
      if (!layer._map || layer._map !== map) return;
      var distance = point(layer).distanceTo(centre);
      if (distance < bestDistance) { best = code; bestDistance = distance; }
    });
    return best;
  }

  function say(message) {
    var region = document.getElementById("map-announce");
    if (region) region.textContent = message;
  }

  function choose(code) {
    pending = code;
    window.dash_clientside.set_props("areas", {clickData: {properties: {code: code}}});
  }

  document.addEventListener("keydown", function (event) {
    var box = event.target && event.target.closest && event.target.closest("#map");
    if (!box || event.altKey || event.ctrlKey || event.metaKey) return;
    var chosen = (window.atlas.hideout || {}).sel;
    if (DIRECTION[event.key] !== undefined && chosen) {
      event.preventDefault();
      event.stopPropagation();  // capture phase: Leaflet's own arrow keys would pan the map
      var next = toward(chosen, event.key);
      if (next) choose(next); else say(box.closest("[data-no-neighbour]").getAttribute("data-no-neighbour"));
    } else if ((event.key === "Enter" || event.key === " ") && !chosen && event.target === box) {
      var layer = Object.values(window.atlas.layers).find(function (l) { return l._map; });
      var first = layer && nearestToCentre(layer._map);
      if (first) { event.preventDefault(); choose(first); }
    }
  }, true);

  // Once the panel shows the area a key chose, say what it shows.
  new MutationObserver(function () {
    if (!pending) return;
    var title = document.getElementById("panel-title");
    if (!title || title.textContent.indexOf(pending) < 0) return;
    var parts = ["panel-title", "panel-value", "panel-rank"].map(function (id) {
      var el = document.getElementById(id);
      return el ? el.textContent.trim() : "";
    });
    pending = null;
    say(parts.filter(Boolean).join(". "));
  }).observe(document.documentElement, {subtree: true, childList: true, characterData: true});
})();
