/* "Kopiera koden": copies the embed snippet named by the button's data-copy and says so in the status
   next to it (data-copied holds the sentence in the page's language). Falls back to selecting the text
   and execCommand where the asynchronous clipboard is not allowed (plain http). */
(function () {
  "use strict";
  function confirm(button) {
    var status = button.parentElement && button.parentElement.querySelector(".copy-status");
    if (status) status.textContent = button.getAttribute("data-copied");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var value = source.value !== undefined ? source.value : source.textContent;
    var fallback = function () {
      source.focus();
      source.select();
      if (document.execCommand("copy")) confirm(button);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(value).then(function () { confirm(button); }, fallback);
    } else {
      fallback();
    }
  });
})();
