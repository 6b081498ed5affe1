/* The page's first paint, written by the server (dashboard/prerender.py), gives way to the live page in
   the same frame as Dash draws it: the observer runs before the browser paints again. */
(function () {
  "use strict";
  var first = document.getElementById("prerender");
  var entry = document.getElementById("react-entry-point");
  if (!first || !entry) return;
  new MutationObserver(function (_changes, observer) {
    if (!entry.querySelector(".page")) return;
    first.remove();
    observer.disconnect();
  }).observe(entry, {childList: true, subtree: true});
})();
