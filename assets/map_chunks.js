/* A map's areas are added a few at a time, each batch one short task (BUDGET_MS), so the page answers taps
   and keys while hundreds or thousands of areas are drawn (on a phone, adding Göteborg's 320 took one
   task of ~130 ms, the whole region's 2,109 several hundred). Leaflet's GeoJSON layer adds a feature
   collection in one loop (dash-leaflet hands it the whole collection); this wraps that loop. Clearing the
   layer, or new data, stops a batch still pending. The areas' styles and tooltips come from the layer's
   options as before, and clicks reach the layer's handlers through the group. `window.atlas.adding` counts
   the layers with batches still to add (0: every area is drawn; the document hears "atlas:drawn" when it
   falls to 0), for tests and benchmarks. */
(function () {
  "use strict";
  if (!window.L || !window.L.GeoJSON) return;
  var BUDGET_MS = 8;  // of work per task: well under the 50 ms after which a task delays input
  var proto = window.L.GeoJSON.prototype;
  var addData = proto.addData, clearLayers = proto.clearLayers;
  var channel = new MessageChannel(), queue = [];  // a message runs sooner than setTimeout's clamped 4 ms
  var adding = new Set();
  window.atlas = window.atlas || {};
  Object.defineProperty(window.atlas, "adding", {configurable: true, get: function () { return adding.size; }});
  function added(layer) {  // every batch of `layer` is in: when none is pending, say so
    adding.delete(layer);
    if (!adding.size) document.dispatchEvent(new Event("atlas:drawn"));
  }
  channel.port1.onmessage = function () {
    var next = queue.shift();
    if (next) next();
  };

  proto.addData = function (geojson) {
    var features = Array.isArray(geojson) ? geojson : geojson && geojson.features;
    if (!features) return addData.call(this, geojson);  // one feature or geometry
    var layer = this, i = 0, run = (this._atlasRun || 0) + 1;
    this._atlasRun = run;
    adding.add(layer);
    (function batch() {
      if (layer._atlasRun !== run) return;  // cleared, or given other data, meanwhile
      var until = performance.now() + BUDGET_MS;
      do {
        var feature = features[i++];
        if (feature && (feature.geometries || feature.geometry || feature.features || feature.coordinates)) {
          addData.call(layer, feature);
        }
      } while (i < features.length && performance.now() < until);
      if (i < features.length) {
        queue.push(batch);
        channel.port2.postMessage(0);
      } else {
        added(layer);
      }
    })();
    return this;
  };

  proto.clearLayers = function () {
    this._atlasRun = (this._atlasRun || 0) + 1;
    adding.delete(this);
    return clearLayers.call(this);
  };
})();
