/* Long dropdowns get their options at the reader's first input (dashboard/components/widgets.py,
   `options_on_use`): until then such a dropdown holds its chosen options alone, so Dash does not index
   every substring of every label while the page opens. The first pointer press, key or focus anywhere
   on the page (or a step back or forward in its history) comes before any pick, click or key can change
   what is chosen, and before the dropdown can open. */
(function () {
  "use strict";
  var filled = false;

  function fill() {
    if (filled || !window.dash_component_api || !window.dash_clientside || !window.dash_clientside.set_props) return;
    var buttons = document.querySelectorAll("#react-entry-point button.dash-dropdown.options-on-use");
    if (!buttons.length) return;  // Dash has not drawn them yet: the next input fills them
    filled = true;
    buttons.forEach(function (button) {
      var store = window.dash_component_api.getLayout(button.id + "-all-options");
      if (store && store.props && store.props.data) {
        window.dash_clientside.set_props(button.id, {options: store.props.data});
      }
    });
    ["pointerdown", "keydown", "focusin"].forEach(function (type) {
      document.removeEventListener(type, fill, true);
    });
    window.removeEventListener("popstate", fill, true);
  }

  ["pointerdown", "keydown", "focusin"].forEach(function (type) {
    document.addEventListener(type, fill, {capture: true, passive: true});
  });
  window.addEventListener("popstate", fill, true);
})();
