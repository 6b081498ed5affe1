/* Parts drawn when they come into view (dashboard/components/lazy.py): each box is watched, and once any
   of it is on screen (or the page is printed) its store `lazy-shown` is set, on which a clientside callback
   puts the part, already in the page, into the box — after loading the component libraries it needs that
   the page left out (their script tags are in the page, inert: `type="text/x-lazy"`), or, if one cannot
   be loaded, the part's message saying so. Without IntersectionObserver every part is drawn at once. */
(function () {
  "use strict";
  var seen = new WeakSet();
  var loading = {};  // namespace -> Promise of its script

  function keyOf(box) {
    try {
      return JSON.parse(box.id).key;
    } catch (error) {
      return null;
    }
  }

  function show(box) {
    var key = keyOf(box);
    if (!key || !window.dash_clientside || !window.dash_clientside.set_props) return;
    window.dash_clientside.set_props({type: "lazy-shown", key: key}, {data: true});
  }

  var watcher = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      watcher.unobserve(entry.target);
      show(entry.target);
    });
  }) : null;

  function watch() {
    document.querySelectorAll("#react-entry-point .lazy-box").forEach(function (box) {
      if (seen.has(box)) return;
      seen.add(box);
      if (watcher) watcher.observe(box); else show(box);
    });
  }

  function load(namespace) {
    if (window[namespace]) return Promise.resolve();
    if (!loading[namespace]) {
      loading[namespace] = new Promise(function (resolve, reject) {
        var inert = document.querySelector('script[type="text/x-lazy"][data-namespace="' + namespace + '"]');
        if (!inert) return reject(new Error("no script for " + namespace));
        var script = document.createElement("script");
        script.src = inert.getAttribute("data-src");
        script.onload = function () { resolve(); };
        script.onerror = function () {
          delete loading[namespace];  // a later view of the box tries again
          reject(new Error("could not load " + script.src));
        };
        document.head.appendChild(script);
      });
    }
    return loading[namespace];
  }

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("#react-entry-point .lazy-box").forEach(function (box) {
      if (!box.firstChild) show(box);
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
  window.dash_clientside.lazy = {
    draw: function (shown, part) {
      if (!shown || !part) return window.dash_clientside.no_update;
      if (part.needs.every(function (ns) { return window[ns]; })) return part.content;
      return Promise.all(part.needs.map(load)).then(
        function () { return part.content; },
        function () { return part.failed; }
      );
    },
  };
})();
