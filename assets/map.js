/* Map styling for dash-leaflet: colours come from the GeoJSON layer's `hideout` (class per code,
   palette, formatted values), so a restyle never reloads geometry. Drawn layers are kept by code in
   window.atlas.layers, which the browser tests read. */
window.atlas = Object.assign({}, window.atlas, {
  layers: {},
  hideout: {},
  escape: function (text) {
    return String(text === undefined || text === null ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  },
  map: {
    style: function (feature, context) {
      const h = (context && context.hideout) || {};
      window.atlas.hideout = h;
      const code = feature.properties.code;
      const cls = h.cls ? h.cls[code] : undefined;
      const has = cls !== undefined && cls >= 0;
      const selected = h.sel === code;
      return {
        fillColor: has ? h.col[cls] : h.nodata,
        fillOpacity: has ? 0.85 : 0.45,
        color: selected ? "#111111" : (has ? "#ffffff" : "#8a8a8a"),
        weight: selected ? 3 : 0.7,
        dashArray: has ? null : "3 3",
      };
    },
    bind: function (feature, layer) {
      const code = feature.properties.code;
      window.atlas.layers[code] = layer;
      layer.bindTooltip(function () {
        const h = window.atlas.hideout || {};
        const value = (h.txt && h.txt[code]) || h.none || "";
        const esc = window.atlas.escape;
        return "<strong>" + esc(feature.properties.name) + "</strong> <span class='code'>" + esc(code) +
          "</span><br>" + esc(value) + (h.note ? "<br><em>" + esc(h.note) + "</em>" : "");
      }, {sticky: true});
    },
    outline: function () {
      return {color: "#303030", weight: 1.6, fill: false, interactive: false};
    },
  },
});
