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

  /* The bordering area in the key's direction from the chosen area's shapes `codes` (one, or the parts of
     an exactly split area drawn on the other edition's boundaries), never one of those shapes. */
  function toward(codes, key) {
    var best = null, bestScore = Infinity;
    codes.forEach(function (code) {
      var here = window.atlas.layers[code];
      if (!here || !here._map) return;
      var from = point(here);
      (here.feature.properties.nb || []).forEach(function (other) {
        var layer = window.atlas.layers[other];
        if (!layer || !layer._map || codes.indexOf(other) >= 0) return;
        var to = point(layer);
        var angle = Math.atan2(to.y - from.y, to.x - from.x) * 180 / Math.PI;
        var off = Math.abs(((angle - DIRECTION[key]) + 540) % 360 - 180);
        if (off > 67.5) return;
        var score = off + Math.hypot(to.x - from.x, to.y - from.y) / 50;  // mostly direction, then nearness
        if (score < bestScore) { best = other; bestScore = score; }
      });
    });
    return best;
  }

  /* The drawn shapes of the chosen area: its own, else the parts it is drawn on (hideout.sel_shapes). */
  function chosenShapes() {
    var h = window.atlas.hideout || {};
    if (!h.sel) return [];
    var own = window.atlas.layers[h.sel];
    return own && own._map ? [h.sel] : (h.sel_shapes || []).slice();
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

  function title() {
    var el = document.getElementById("panel-title");
    return el ? el.textContent : "";
  }

  function choose(code) {
    pending = {code: code, before: title()};  // a part of a split area opens its whole's panel: any new title
    window.dash_clientside.set_props("areas", {clickData: {properties: {code: code}}});
  }

  document.addEventListener("keydown", function (event) {
    var box = event.target && event.target.closest && event.target.closest("#map");
    if (!box || event.altKey || event.ctrlKey || event.metaKey) return;
    var chosen = chosenShapes();
    if (DIRECTION[event.key] !== undefined && chosen.length) {
      event.preventDefault();
      event.stopPropagation();  // capture phase: Leaflet's own arrow keys would pan the map
      var next = toward(chosen, event.key);
      if (next) choose(next); else say(box.closest("[data-no-neighbour]").getAttribute("data-no-neighbour"));
    } else if ((event.key === "Enter" || event.key === " ") && !chosen.length && event.target === box) {
      var layer = Object.values(window.atlas.layers).find(function (l) { return l._map; });
      var first = layer && nearestToCentre(layer._map);
      if (first) { event.preventDefault(); choose(first); }
    }
  }, true);

  // Once the panel shows the area a key chose, say what it shows.
  new MutationObserver(function () {
    if (!pending) return;
    var now = title();
    if (!now || (now.indexOf(pending.code) < 0 && now === pending.before)) return;
    var parts = ["panel-title", "panel-value", "panel-rank"].map(function (id) {
      var el = document.getElementById(id);
      return el ? el.textContent.trim() : "";
    });
    pending = null;
    say(parts.filter(Boolean).join(". "));
  }).observe(document.documentElement, {subtree: true, childList: true, characterData: true});
})();
