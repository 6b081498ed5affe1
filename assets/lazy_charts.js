/* Charts drawn when they come into view (dashboard/components/lazy_chart.py): each chart's box is watched,
   and once any of it is on screen (or the page is printed) its store `chart-shown` is set, on which a
   clientside callback puts the dcc.Graph, with the figure already in the page, into the box. Without
   IntersectionObserver every chart is drawn at once. */
(function () {
  "use strict";
  var seen = new WeakSet();

  function chartOf(box) {
    try {
      return JSON.parse(box.id).chart;
    } catch (error) {
      return null;
    }
  }

  function show(box) {
    var chart = chartOf(box);
    if (!chart || !window.dash_clientside || !window.dash_clientside.set_props) return;
    window.dash_clientside.set_props({type: "chart-shown", chart: chart}, {data: true});
  }

  var watcher = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      watcher.unobserve(entry.target);
      show(entry.target);
    });
  }) : null;

  function watch() {
    document.querySelectorAll("#react-entry-point .chart-box").forEach(function (box) {
      if (seen.has(box)) return;
      seen.add(box);
      if (watcher) watcher.observe(box); else show(box);
    });
  }

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("#react-entry-point .chart-box").forEach(function (box) {
      if (!box.querySelector(".js-plotly-plot")) show(box);
    });
  });
  var scheduled = false;  // new boxes are looked for once a frame, however many nodes Dash adds
  new MutationObserver(function () {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(function () { scheduled = false; watch(); });
  }).observe(document.documentElement, {childList: true, subtree: true});
  watch();

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.charts = {
    draw: function (shown, figure, id) {
      if (!shown || !figure) return window.dash_clientside.no_update;
      return {
        namespace: "dash_core_components",
        type: "Graph",
        props: {id: id.chart, figure: figure, config: {displayModeBar: false}},
      };
    },
  };
})();
