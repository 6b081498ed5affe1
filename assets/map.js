/* Map styling for dash-leaflet. Drawn layers are kept by code in window.atlas.layers, which the browser
   tests and benchmarks read. The explore map's colours (class per code, palette, formatted values) arrive
   in a store, and `restyle` recolours the drawn layers in place (setStyle per feature): dash-leaflet's
   own `hideout` prop clears and re-adds every feature on each change. Geometry is only re-added when its
   address changes (level, edition, municipalities); `geometry` below fetches it. The compare locator still passes its fixed `hideout`. */
window.atlas = Object.assign({}, window.atlas, {
  layers: {},
  hideout: {},
  escape: function (text) {
    return String(text === undefined || text === null ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  },
  map: {
    style: function (feature, context) {
      if (context && context.hideout && context.hideout.cls) {
        window.atlas.hideout = context.hideout;
      }
      const h = window.atlas.hideout || {};
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
    /* Recolour every drawn area for a new `hideout`; layers drawn later read it through `style`. */
    restyle: function (hideout) {
      const started = performance.now();
      window.atlas.hideout = hideout || {};
      const style = window.atlas.map.style;
      let n = 0;
      Object.values(window.atlas.layers).forEach(function (layer) {
        if (layer._map) {
          layer.setStyle(style(layer.feature));
          n += 1;
        }
      });
      // The canvas repaints in the next animation frame; note when that frame has run.
      requestAnimationFrame(function () {
        window.atlas.restyled = {n: n, started: started, at: performance.now()};
      });
      return n;
    },
  },
  /* The map as a table ("Visa som tabell"): plain rows written once per state, not one Dash component
     per cell. Each area is a link that opens its panel in place. Written in one piece: in chunks of
     200-500 rows, one task each, the whole region's 2,090 rows took 1.5-4 times as long to lay out. */
  table: {
    render: function (data) {
      const box = document.getElementById("area-table-box");
      if (!box || !data) {
        return 0;
      }
      const esc = window.atlas.escape;
      const focused = document.activeElement && box.contains(document.activeElement) ?
        document.activeElement.getAttribute("data-code") : null;
      const link = data.link.split("AREA");  // the area's code goes where AREA stands (area_table.py)
      const rows = data.rows.map(function (r) {
        return "<tr" + (r[0] === data.selected ? " class=\"selected\"" : "") + "><td><a href=\"" +
          esc(link.join(r[0])) + "\" data-code=\"" + esc(r[0]) + "\">" + esc(r[1] || r[0]) +
          "</a></td><td class=\"code\">" + esc(r[0]) + "</td><td>" + esc(r[2]) + "</td><td class=\"num\">" +
          esc(r[3]) + "</td></tr>";
      });
      box.innerHTML = "<table class=\"data\" id=\"area-table\"><caption>" + esc(data.caption) + "</caption>" +
        "<thead><tr>" + data.head.map(function (h) { return "<th scope=\"col\">" + esc(h) + "</th>"; }).join("") +
        "</tr></thead><tbody>" + rows.join("") + "</tbody></table>";
      if (focused) {
        const again = box.querySelector("a[data-code=\"" + CSS.escape(focused) + "\"]");
        if (again) {
          again.focus();
        }
      }
      // The rows are laid out and painted in the next frame; note when that has run.
      requestAnimationFrame(function () {
        setTimeout(function () { window.atlas.table.drawn = {n: rows.length, at: performance.now()}; }, 0);
      });
      return rows.length;
    },
    /* A link in the table changes the URL the way dcc.Link does (no reload), so Back still works. */
    follow: function (event) {
      const link = event.target.closest && event.target.closest("#area-table a[data-code]");
      if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button) {
        return;
      }
      event.preventDefault();
      window.history.pushState({}, "", link.getAttribute("href"));
      window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    },
  },
});
document.addEventListener("click", window.atlas.table.follow);
window.dash_clientside = window.dash_clientside || {};
/* The map's geometry, fetched here rather than through dash-leaflet's `url`: a GeoJSON layer ignores a new
   `url` that arrives while its previous one is loading, so two quick changes (municipalities, then level)
   left the old areas drawn under the new colours. Only the newest address asked for is handed over, and an
   unchanged address (a restyle) hands over nothing, so the drawn areas stay. */
window.atlas.geometry = {
  asked: {},
  load: async function (layer, urls) {
    const none = window.dash_clientside.no_update;
    const url = (urls && urls[layer]) || null;
    const asked = window.atlas.geometry.asked;
    if (url === asked[layer]) {
      return none;
    }
    asked[layer] = url;
    let data = {type: "FeatureCollection", features: []};
    if (url) {
      try {
        const response = await fetch(url);
        if (!response.ok) {
          throw new Error(response.status + " " + url);
        }
        data = await response.json();
      } catch (error) {
        if (asked[layer] === url) {
          delete asked[layer];  // asked again, it is fetched again
        }
        throw error;
      }
    }
    return asked[layer] === url ? data : none;  // else a newer address was asked for meanwhile
  },
};
window.dash_clientside.atlas = {
  restyle: function (hideout) { return window.atlas.map.restyle(hideout); },
  table: function (data) { return window.atlas.table.render(data); },
  areas: function (urls) { return window.atlas.geometry.load("areas", urls); },
  outlines: function (urls) { return window.atlas.geometry.load("outlines", urls); },
};
