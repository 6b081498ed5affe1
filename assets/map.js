/* Map styling for dash-leaflet. Drawn layers are kept by code in window.atlas.layers, which the browser
   tests and benchmarks read. The explore map's colours (class per code, palette, formatted values) arrive
   in a store, and `restyle` recolours the drawn layers in place (setStyle per feature): dash-leaflet's
   own `hideout` prop clears and re-adds every feature on each change. Geometry is only re-added when its
   address changes (level, edition, municipalities); `geometry` below fetches it. The compare locator still passes its fixed `hideout`. */
window.atlas = Object.assign(window.atlas || {}, {  // extended in place: map_chunks.js's `adding` stays
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
      const selected = (h.sel_shapes || []).indexOf(code) >= 0;  // the selected area's shapes (drawn with its value)
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
  /* The map as a table ("Visa som tabell"): plain rows, not one Dash component per cell. Each area is a link
     that opens its panel in place. Measured on the whole region's 2,090 rows, a year change with the table
     in view (2-core machine, load 4-6, ms from the rows' arrival to the frame painted): one HTML table
     written whole 190-220, most of it laying out every row to size the columns (chunks of rows: 1.5-4 times
     slower; in place, or `table-layout: fixed`: no better). Rows of one fixed grid template (style.css; no
     column sized by content, explicit roles keep it a table for screen readers) rewritten in place: 110-160,
     still every row laid out. With `content-visibility: auto` only the rows in view are laid out: 40-50, but
     Chromium then leaves the others' cells out of the accessibility tree. So: rows in bodies of CHUNK; on a
     rewrite every body waits (`later`: content-visibility), the rows in view are painted, then one body a
     frame is laid out, after which every row is in the accessibility tree again: 45-75 to the rows in view,
     about 250 more for the rest, in short frames. Every row stays in the document (Tab and Ctrl+F reach it). Rows are rewritten
     in place (row i shows the i-th area; text nodes' data set where it differs) when the areas' count and
     the language are unchanged, else written whole. Focus follows its area to wherever its row now is. */
  table: {
    row: function (link, r, selected) {
      const esc = window.atlas.escape;
      return "<tr role=\"row\"" + (r[0] === selected ? " class=\"selected\"" : "") + "><th scope=\"row\" role=\"rowheader\">" +
        "<a href=\"" + esc(link.join(r[0])) + "\" data-code=\"" + esc(r[0]) + "\"" +
        (r[0] === selected ? " aria-current=\"true\"" : "") + ">" + esc(r[1] || r[0]) + "</a></th>" +
        "<td role=\"cell\" class=\"code\">" + esc(r[0]) + "</td><td role=\"cell\">" + esc(r[2]) + "</td>" +
        "<td role=\"cell\" class=\"num\">" + esc(r[3]) + "</td></tr>";
    },
    /* Element `el` reads `text`: its one text node's data changed in place (a new node costs the browser a
       layout object), and only where it differs. */
    text: function (el, text) {
      const node = el.firstChild;
      if (node && node.nodeType === Node.TEXT_NODE && !node.nextSibling) {
        if (node.data !== text) {
          node.data = text;
        }
      } else {
        el.textContent = text;
      }
    },
    /* Row `tr` shows area `r` (code, name, municipality, value shown). */
    update: function (tr, r, link, selected) {
      const text = window.atlas.table.text;
      const cells = tr.cells;
      const a = cells[0].firstChild;
      const href = link.join(r[0]);  // the whole state's address: a new year or class method changes every one
      if (a.getAttribute("href") !== href) {
        a.setAttribute("href", href);
      }
      if (a.getAttribute("data-code") !== r[0]) {
        a.setAttribute("data-code", r[0]);
        text(a, r[1] || r[0]);
        text(cells[1], r[0]);
      }
      text(cells[2], r[2]);
      text(cells[3], r[3]);
      const chosen = r[0] === selected;
      if (tr.classList.contains("selected") !== chosen) {
        tr.classList.toggle("selected", chosen);
        if (chosen) {
          a.setAttribute("aria-current", "true");
        } else {
          a.removeAttribute("aria-current");
        }
      }
    },
    render: function (data) {
      const box = document.getElementById("area-table-box");
      if (!box || !data) {
        return 0;
      }
      const self = window.atlas.table;
      const esc = window.atlas.escape;
      const generation = self.generation = (self.generation || 0) + 1;
      const focused = document.activeElement && box.contains(document.activeElement) ?
        document.activeElement.getAttribute("data-code") : null;
      const link = data.link.split("AREA");  // the area's code goes where AREA stands (area_table.py)
      const head = data.head.join("\t");
      const n = data.rows.length;
      let table = document.getElementById("area-table");
      if (table && table.getAttribute("data-head") === head && table.getAttribute("data-rows") === String(n)) {
        for (const body of table.tBodies) {
          body.classList.add("later");
        }
        for (let i = 0; i < n; i++) {
          self.update(table.rows[i + 1], data.rows[i], link, data.selected);  // rows[0] is the head's
        }
      } else {  // first opening, other areas or another language: written whole
        const bodies = [];
        for (let i = 0; i < n; i += self.CHUNK) {
          bodies.push("<tbody role=\"rowgroup\" class=\"later\">" + data.rows.slice(i, i + self.CHUNK).map(function (r) {
            return self.row(link, r, data.selected);
          }).join("") + "</tbody>");
        }
        box.innerHTML = "<table class=\"data\" id=\"area-table\" role=\"table\" data-head=\"" + esc(head) +
          "\" data-rows=\"" + n + "\"><caption></caption><thead role=\"rowgroup\"><tr role=\"row\">" +
          data.head.map(function (h) { return "<th scope=\"col\" role=\"columnheader\">" + esc(h) + "</th>"; }).join("") +
          "</tr></thead>" + bodies.join("") + "</table>";
        table = box.firstChild;
      }
      table.caption.textContent = data.caption;
      if (focused) {
        const again = box.querySelector("a[data-code=\"" + CSS.escape(focused) + "\"]");
        if (again && again !== document.activeElement) {
          again.focus();
        }
      }
      // The rows in view are laid out and painted in the next frame; note when that has run, then lay out the rest.
      requestAnimationFrame(function () {
        setTimeout(function () { self.drawn = {n: n, at: performance.now()}; }, 0);
        self.settle(table.tBodies, 0, generation);
      });
      return n;
    },
    CHUNK: 250,  // rows a body
    /* Bodies `i` on are laid out, one a frame, unless the table has been rewritten meanwhile. */
    settle: function (bodies, i, generation) {
      const self = window.atlas.table;
      if (generation !== self.generation) {
        return;
      }
      if (i < bodies.length) {
        bodies[i].classList.remove("later");
        requestAnimationFrame(function () { self.settle(bodies, i + 1, generation); });
      } else {
        self.settled = {generation: generation, at: performance.now()};
      }
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
