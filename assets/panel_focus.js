/* On a phone the area panel sits below the map: after a tap on the map, bring the panel's heading into view
   and give it the focus, so the reader sees what the tap opened where their thumb is. On a wide screen the
   panel is beside the map and nothing moves. */
(function () {
  "use strict";
  var NARROW = window.matchMedia("(max-width: 1100px)");  // where the explore grid stacks (style.css)
  var tapped = null;

  document.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest("#map .leaflet-interactive, #map canvas")) {
      tapped = Date.now();
    }
  }, true);

  new MutationObserver(function () {
    if (!tapped || !NARROW.matches) return;
    var title = document.getElementById("panel-title");
    if (!title || Date.now() - tapped > 15000) return;
    tapped = null;
    title.setAttribute("tabindex", "-1");
    title.scrollIntoView({block: "start"});
    title.focus({preventScroll: true});
  }).observe(document.documentElement, {subtree: true, childList: true});
})();
