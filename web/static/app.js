// Secure Base: small enhancements. Every page works without this file.
"use strict";

// Fill the sign-up form's time zone from the browser, so "today" is the
// person's own day from the first check-in.
for (const input of document.querySelectorAll("input[data-time-zone]")) {
  if (!input.value) {
    try {
      input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (e) {
      /* an old browser: the server's default applies */
    }
  }
}

// Sign-up: pre-select the country from the browser's time zone (better
// than its language, which the server already used). Only when the field
// has not been chosen by the person or kept from a form with an error.
const guess = document.querySelector("select[data-country-guess]");
const zones = document.querySelector("script[data-country-zones]");
if (guess && zones && !document.querySelector(".error-summary")) {
  try {
    const code = JSON.parse(zones.textContent)[Intl.DateTimeFormat().resolvedOptions().timeZone];
    if (code) {
      guess.value = code;
    }
  } catch (e) {
    /* keep the server's guess */
  }
}

// A quick exit replaces this page in the history, so Back does not return.
for (const exit of document.querySelectorAll("a.quick-exit")) {
  exit.addEventListener("click", (event) => {
    event.preventDefault();
    window.location.replace(exit.href);
  });
}

// Lines with limited hours: say whether each is open now, in its
// country's time, and move closed ones to the end. The server does the
// same when it renders; this keeps a page saved for offline use right
// at every hour.
function minutesOf(hhmm) {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}
for (const list of document.querySelectorAll("ul.lines[data-zone]")) {
  let parts;
  try {
    parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: list.dataset.zone, day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date()).map((p) => [p.type, p.value]));
  } catch (e) {
    continue;
  }
  const now = Number(parts.hour) * 60 + Number(parts.minute);
  for (const item of list.querySelectorAll("li[data-open]")) {
    const open = JSON.parse(item.dataset.open).some((w) => (!w.monthday || w.monthday === Number(parts.day)) &&
      now >= minutesOf(w.from) && now < minutesOf(w.to));
    item.classList.toggle("closed", !open);
    const label = item.querySelector("[data-closed]");
    if (label) {
      label.hidden = open;
    }
    if (!open) {
      list.append(item);
    } else {
      const firstClosed = list.querySelector("li.closed");
      if (firstClosed && firstClosed !== item && (firstClosed.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        list.insertBefore(item, firstClosed);
      }
    }
  }
}

// Move focus to an error summary or a care panel, so a screen reader
// announces it first.
const first = document.querySelector(".care, .error-summary");
if (first) {
  first.focus();
}

// Password fields: a button to show what you typed (OWASP ASVS 2.1.12),
// and, where a new password is chosen, a plain-words strength hint that
// follows length, which is what makes a password hard to guess (2.1.8).
// The server still checks the rules and the list of common passwords.
function strength(n) {
  if (n === 0) return "";
  if (n < 8) return "Too short: use at least 8 characters.";
  if (n < 12) return "Okay. A few more characters make it much harder to guess.";
  if (n < 20) return "Good.";
  return "Strong.";
}

for (const input of document.querySelectorAll('input[type="password"]')) {
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "quiet pw-toggle";
  toggle.textContent = "Show password";
  toggle.setAttribute("aria-pressed", "false");
  toggle.setAttribute("aria-controls", input.id);
  toggle.addEventListener("click", () => {
    const show = input.type === "password";
    input.type = show ? "text" : "password";
    toggle.textContent = show ? "Hide password" : "Show password";
    toggle.setAttribute("aria-pressed", String(show));
  });
  input.after(toggle);
  if (input.autocomplete === "new-password") {
    const hint = document.createElement("p");
    hint.className = "hint pw-strength";
    hint.id = input.id + "-strength";
    hint.setAttribute("aria-live", "polite");
    toggle.after(hint);
    input.addEventListener("input", () => {
      hint.textContent = strength([...input.value].length);
    });
  }
}

// The recovery key's copy button (issue 12): copies the key and says so.
for (const btn of document.querySelectorAll("[data-copy]")) {
  const source = document.querySelector("[data-copy-source]");
  const status = document.querySelector("[data-copy-status]");
  if (!source || !navigator.clipboard) {
    continue;
  }
  btn.hidden = false;
  btn.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.textContent.trim());
      btn.textContent = "Copied";
      if (status) {
        status.textContent = "The key is copied. Paste it somewhere safe.";
      }
    } catch (e) {
      btn.textContent = "Copy didn't work: select the key and copy it";
    }
  });
}
