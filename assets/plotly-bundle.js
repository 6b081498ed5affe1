/* Charts draw with a plotly.js built with only what they use (scatter and bar traces and the components
   of dashboard/charts.py: assets/vendor/plotly-build), vendored in assets/vendor and never loaded up
   front (create_app's assets_path_ignore). dcc.Graph loads window._dashPlotlyJSURL when a chart first
   mounts, so only pages with charts pay for it; Dash's renderer points that at its full 4.8 MB bundle,
   so that write is ignored.
   On the pages that open with charts (compare, segregation) the bundle is preloaded at once, so its
   download overlaps the callbacks that compute the figures instead of starting after them; dcc.Graph's
   script tag then runs the preloaded copy. */
(function () {
  var here = document.currentScript ? document.currentScript.src : window.location.href;
  var url = new URL("vendor/plotly-scatter-bar-4.1.1.min.js", here).href;
  Object.defineProperty(window, "_dashPlotlyJSURL", {
    configurable: true,
    get: function () { return url; },
    set: function () {},
  });
  if (/\/(compare|segregation)\/?$/.test(window.location.pathname)) {
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = "script";
    link.href = url;
    document.head.appendChild(link);
  }
})();
