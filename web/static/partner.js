// For your partner (issue 16): copy a message out with one tap. The copy
// buttons are hidden until this script runs, so a page without script
// offers only text to select.
(function () {
  "use strict";
  var status = document.querySelector("[data-copied]");
  function say() {
    if (!status) return;
    status.hidden = false;
    status.textContent = status.textContent; // re-announce
  }
  function selectText(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  document.querySelectorAll("[data-copy]").forEach(function (btn) {
    var target = document.getElementById(btn.getAttribute("data-copy"));
    if (!target) return;
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var text = target.textContent.trim();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(say, function () { selectText(target); });
      } else {
        selectText(target);
      }
    });
  });
})();
