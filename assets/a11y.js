/* Accessible names and roles for Dash 4's option lists and dropdowns, which render
   - radio and check lists as role="listbox" of role="option" labels that each hold a native input
     (axe: nested-interactive, aria-input-field-name), and
   - dropdowns as a focusable aria-hidden input in front of a button named only by its value
     (axe: aria-hidden-focus).
   The native radios and checkboxes carry the semantics themselves, so the list becomes a named
   radiogroup/group of plain labels; the dropdown's button becomes the tab stop, named by the page's
   <label for> and its value. Dash never re-renders these attributes unless they change, and a
   MutationObserver repairs what it draws later (popovers, new options). */
(function () {
  "use strict";

  function labelId(forId) {
    if (!forId) return null;
    var label = document.querySelector('label[for="' + CSS.escape(forId) + '"]');
    if (!label) return null;
    if (!label.id) label.id = forId + "-label";
    return label.id;
  }

  function legendId(el) {
    var fieldset = el.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    if (!legend) return null;
    if (!legend.id) legend.id = (el.id || "options") + "-legend";
    return legend.id;
  }

  function fixList(list) {
    if (list.getAttribute("role") !== "listbox") return;
    var radios = list.querySelector('input[type="radio"]');
    list.setAttribute("role", radios ? "radiogroup" : "group");
    if (!list.hasAttribute("aria-labelledby") && !list.hasAttribute("aria-label")) {
      var popover = list.closest("[data-dropdown-for]");
      var name = popover ? labelId(popover.getAttribute("data-dropdown-for")) : legendId(list) || labelId(list.id);
      if (name) list.setAttribute("aria-labelledby", name);
    }
  }

  function fixOption(option) {
    if (option.getAttribute("role") === "option") option.removeAttribute("role");
    if (option.hasAttribute("aria-selected")) option.removeAttribute("aria-selected");
  }

  function fixDropdown(target) {
    if (target.getAttribute("aria-hidden") !== "true") return;
    var button = target.parentElement && target.parentElement.querySelector("button.dash-dropdown");
    if (!button) return;
    if (target.getAttribute("tabindex") !== "-1") target.setAttribute("tabindex", "-1");
    if (button.getAttribute("tabindex") !== "0") button.setAttribute("tabindex", "0");
    var name = labelId(button.id);
    var named = button.getAttribute("aria-labelledby") || "";
    if (name && named.split(" ").indexOf(name) < 0) {
      button.setAttribute("aria-labelledby", (name + " " + named).trim());
    }
  }

  function translateZoom(button) {
    // Leaflet's zoom buttons say "Zoom in" whatever the page's language; the map's container has ours.
    var box = button.closest("[data-zoom-in]");
    if (!box) return;
    var label = box.getAttribute(button.classList.contains("leaflet-control-zoom-in") ? "data-zoom-in" : "data-zoom-out");
    if (button.getAttribute("title") !== label) button.setAttribute("title", label);
    if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
  }

  function markPopovers() {
    // An open dropdown's list is drawn in a dialog away from its button: remember whose it is, and name
    // the dialog by the dropdown's label.
    var open = document.querySelectorAll('button.dash-dropdown[aria-expanded="true"]');
    open.forEach(function (button) {
      var controls = button.getAttribute("aria-controls");
      var popover = controls && document.getElementById(controls);
      if (!popover && open.length === 1) popover = document.querySelector('[role="dialog"]:not([data-dropdown-for])');
      if (!popover) return;
      if (!popover.hasAttribute("data-dropdown-for")) popover.setAttribute("data-dropdown-for", button.id);
      var name = labelId(button.id);
      if (name && !popover.hasAttribute("aria-labelledby")) popover.setAttribute("aria-labelledby", name);
    });
  }

  function scrollable(table) {
    // a wide table scrolls inside its own box (style.css): then the keyboard must be able to reach it
    var scrolls = table.scrollWidth > table.clientWidth + 1;
    if (scrolls && table.getAttribute("tabindex") !== "0") table.setAttribute("tabindex", "0");
    if (!scrolls && table.hasAttribute("tabindex")) table.removeAttribute("tabindex");
  }

  function repair() {
    markPopovers();
    document.querySelectorAll(".dash-options-list").forEach(fixList);
    document.querySelectorAll(".dash-options-list-option").forEach(fixOption);
    document.querySelectorAll(".dash-dropdown-focus-target").forEach(fixDropdown);
    document.querySelectorAll(".leaflet-control-zoom-in, .leaflet-control-zoom-out").forEach(translateZoom);
    document.querySelectorAll("table.data").forEach(scrollable);
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      repair();
    });
  }

  new MutationObserver(schedule).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["role", "aria-selected", "aria-hidden", "aria-expanded", "tabindex", "title"],
  });
  window.addEventListener("resize", schedule);
  window.atlasA11y = {repair: repair};
  schedule();
})();
