// Linked partners (issue 16, F7): show a new signal on an open page
// without a reload. It asks our own server only (same origin), every few
// seconds while the page is visible; the server records nothing about
// these reads, so the sender never learns that a signal was seen.
(function () {
  "use strict";
  var list = document.getElementById("signals");
  if (!list || !window.fetch) return;
  var empty = document.getElementById("no-signals");
  var url = list.getAttribute("data-signals");
  var every = 2000;
  var busy = false;

  function item(s) {
    var li = document.createElement("li");
    li.className = "card signal";
    li.setAttribute("data-id", s.id);
    var who = document.createElement("p");
    who.className = "muted";
    who.textContent = (s.mine ? "You sent" : "Your partner sent") + ", " + s.sent;
    var text = document.createElement("p");
    text.className = "signal-text";
    text.textContent = s.text;
    li.appendChild(who);
    li.appendChild(text);
    if (s.words) {
      var q = document.createElement("blockquote");
      q.className = "entry-text";
      q.textContent = s.words;
      li.appendChild(q);
    }
    return li;
  }

  function show(data) {
    if (!data.linked) {
      // Unlinked meanwhile: the page as it now stands comes from the server.
      location.replace("/partner/link");
      return;
    }
    var keep = {};
    data.signals.forEach(function (s) { keep[s.id] = true; });
    Array.prototype.slice.call(list.children).forEach(function (li) {
      if (!keep[li.getAttribute("data-id")]) list.removeChild(li);
    });
    // Newest first: walk from the oldest, putting each new one on top.
    for (var i = data.signals.length - 1; i >= 0; i--) {
      var s = data.signals[i];
      if (list.querySelector('[data-id="' + s.id + '"]')) continue;
      list.insertBefore(item(s), list.firstChild);
    }
    if (empty) empty.hidden = data.signals.length > 0;
  }

  function poll() {
    if (busy || document.hidden) return;
    busy = true;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) show(data); })
      .catch(function () {})
      .then(function () { busy = false; });
  }

  setInterval(poll, every);
  document.addEventListener("visibilitychange", poll);
})();
