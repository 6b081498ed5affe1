/* On a phone the map's choices start folded, and the area panel sits below the map: after a tap on the map, bring the panel's heading into view
   and give it the focus, so the reader sees what the tap opened where their thumb is. On a wide screen the
   panel is beside the map and nothing moves. */
(function () {
  "use strict";
  var NARROW = window.matchMedia("(max-width: 1100px)");  // where the explore grid stacks (style.css)
  var PHONE = window.matchMedia("(max-width: 600px)");
  var tapped = null;

  // On a phone the map's choices start folded under their summary, so the sentence and the map come first.
  var folded = false;
  new MutationObserver(function () {
    var box = document.getElementById("controls-box");
    if (!box || folded) return;
    folded = true;
    if (PHONE.matches) box.open = false;
  }).observe(document.documentElement, {subtree: true, childList: true});

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
