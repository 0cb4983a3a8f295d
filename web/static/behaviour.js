// Secure Base, Behaviour (issue 14): one question per screen in the
// trigger log, own words shown when chosen, and the held message kept on
// this device so a reload, a closed phone, a lost network or a restarted
// server loses nothing. Every page works without this file.

const user = document.body.dataset.user || "";
const heldKey = "sb-held:" + user;
const draftKey = "sb-held-draft:" + user;

function load(key, fallback) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || "null");
    return v === null ? fallback : v;
  } catch (e) {
    return fallback;
  }
}

function save(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch (e) {
    /* storage full or blocked: the server still has it */
  }
}

// "In my own words" opens its field only when chosen. Hidden fields keep
// what was typed, and are still sent.
for (const set of document.querySelectorAll("fieldset.bchoices")) {
  const own = set.querySelector("input[data-own]");
  const field = set.querySelector("[data-own-field]");
  if (!own || !field) {
    continue;
  }
  const update = () => {
    field.hidden = !own.checked && !field.querySelector("[aria-invalid]");
  };
  set.addEventListener("change", update);
  update();
}

// One question per screen: Next and Back under the thumb; Save on the
// last screen (or on every screen when each question is optional).
for (const form of document.querySelectorAll("form[data-bsteps]")) {
  const steps = [...form.querySelectorAll("[data-bq]")].filter((el) => !el.parentElement.closest("[data-bq]"));
  const next = form.querySelector("[data-bstep-next]");
  const back = form.querySelector("[data-bstep-back]");
  const saveBtn = form.querySelector("[data-bstep-save]");
  const progress = form.querySelector("[data-bstep-progress]");
  const anyStep = form.hasAttribute("data-bsteps-any");
  // data-bsteps-save-from="3": Save shows from that question on, once the
  // ones that are needed have been asked; the rest are optional.
  const saveFrom = Number(form.dataset.bstepsSaveFrom || 0);
  if (steps.length < 2) {
    continue;
  }
  form.classList.add("stepping");
  let at = 0;
  function show(i, focus) {
    at = i;
    steps.forEach((s, j) => { s.hidden = j !== i; });
    progress.textContent = "Question " + (i + 1) + " of " + steps.length;
    back.hidden = i === 0;
    next.hidden = i === steps.length - 1;
    saveBtn.hidden = !anyStep && i !== steps.length - 1 && !(saveFrom > 0 && i + 1 >= saveFrom);
    if (focus) {
      const title = steps[i].querySelector(".bq-title");
      if (title) {
        title.focus();
      }
    }
  }
  next.addEventListener("click", () => show(Math.min(at + 1, steps.length - 1), true));
  back.addEventListener("click", () => show(Math.max(at - 1, 0), true));
  // A form that came back with a problem opens on the first question to fix.
  const bad = steps.findIndex((s) => s.querySelector("[aria-invalid]"));
  show(Math.max(bad, 0), bad >= 0);
}

// Copy buttons: a saved need, a released message.
function copier(button, text, status) {
  if (!navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text());
      if (status) {
        status.textContent = "Copied. Paste it wherever you like.";
      }
    } catch (e) {
      if (status) {
        status.textContent = "Copying didn't work here. Select the words and copy them yourself.";
      }
    }
  });
}
for (const b of document.querySelectorAll("[data-copy]")) {
  copier(b, () => document.getElementById(b.dataset.copy).textContent, document.querySelector("[data-copied]"));
}
const copyText = document.querySelector("[data-held-copytext]");
const copyBtn = document.querySelector("[data-held-copy]");
if (copyText && copyBtn) {
  copier(copyBtn, () => copyText.value, document.querySelector("[data-held-copied]"));
}

// releaseAt works out a hold's end on the device, for a message held
// offline. The server's rule: minutes of real time, or 08:00 the next
// morning (before 05:00 the night still belongs to the day before).
function releaseAt(input, now) {
  if (input.hasAttribute("data-morning")) {
    const d = new Date(now);
    if (d.getHours() >= 5) {
      d.setDate(d.getDate() + 1);
    }
    d.setHours(8, 0, 0, 0);
    return d;
  }
  return new Date(now.getTime() + Number(input.dataset.minutes) * 60000);
}

// The pause page: the draft survives a reload; a hold with no network is
// kept here and sent when the network is back.
const heldForm = document.querySelector("form[data-held-form]");
if (heldForm) {
  const draft = heldForm.querySelector("[data-held-draft]");
  if (!draft.value) {
    draft.value = load(draftKey, "");
  }
  draft.addEventListener("input", () => save(draftKey, draft.value));
  showLocal();
  heldForm.addEventListener("submit", async (event) => {
    if (heldForm.dataset.native === "true" || !window.sbOutbox) {
      return;
    }
    event.preventDefault();
    const data = new FormData(heldForm);
    const id = heldForm.querySelector("[data-held-id]").value;
    try {
      const res = await fetch(heldForm.action, { method: "POST", body: new URLSearchParams(data), credentials: "same-origin", redirect: "manual" });
      if (res.type === "opaqueredirect" || res.ok) {
        window.location.assign("/behaviour/held/" + id);
        return;
      }
    } catch (e) {
      const hold = heldForm.querySelector("input[name=hold]:checked");
      const message = (data.get("message") || "").toString().trim();
      if (hold && message) {
        const now = new Date();
        const until = releaseAt(hold, now);
        const body = { id, message, hold: hold.value, held_at: now.toISOString(), until: until.toISOString(), status: "waiting" };
        await window.sbOutbox.enqueue({ id, url: "/api/v1/held-messages", body });
        const all = load(heldKey, {});
        all[id] = { message, until: body.until, status: "waiting", offline: true };
        save(heldKey, all);
        save(draftKey, "");
        draft.value = "";
        const note = document.querySelector("[data-held-offline]");
        note.hidden = false;
        note.focus();
        showLocal();
        return;
      }
    }
    heldForm.dataset.native = "true";
    heldForm.requestSubmit();
  });
}

// showLocal lists messages held on this device that the page did not
// come with (held offline, or the page is an older copy).
function showLocal() {
  const box = document.querySelector("[data-held-local]");
  if (!box) {
    return;
  }
  const list = box.querySelector("[data-held-local-list]");
  const onPage = new Set([...document.querySelectorAll("[data-held-server]")].map((el) => el.dataset.heldServer));
  list.replaceChildren();
  const all = load(heldKey, {});
  for (const [id, h] of Object.entries(all)) {
    if (onPage.has(id) || h.status !== "waiting") {
      continue;
    }
    const li = document.createElement("li");
    li.className = "entry";
    const p = document.createElement("p");
    p.className = "entry-text";
    p.textContent = h.message;
    const when = document.createElement("p");
    const a = document.createElement("a");
    a.href = "/behaviour/held/" + encodeURIComponent(id);
    a.textContent = new Date(h.until) > new Date() ? "Held until " + new Date(h.until).toLocaleString() : "The wait is over: decide";
    when.append(a);
    li.append(p, when);
    list.append(li);
  }
  box.hidden = list.children.length === 0;
}

// A held message's page: keep it on this device, count down, and open the
// decision when the hold ends.
const page = document.querySelector("[data-held-page]");
if (page) {
  const all = load(heldKey, {});
  const id = page.dataset.id;
  const text = page.querySelector("[data-held-text]") || page.querySelector("[data-held-copytext]");
  if (page.dataset.status === "waiting") {
    all[id] = { message: text ? (text.value || text.textContent) : (all[id] || {}).message, until: page.dataset.until, status: "waiting" };
    save(draftKey, "");
  } else {
    delete all[id];
  }
  save(heldKey, all);
  const clock = page.querySelector("[data-held-clock]");
  if (clock) {
    const until = new Date(page.dataset.until).getTime();
    const tick = () => {
      const left = until - Date.now();
      if (left <= 0) {
        window.location.reload();
        return;
      }
      const s = Math.ceil(left / 1000);
      const h = Math.floor(s / 3600);
      const m = Math.floor((s % 3600) / 60);
      clock.textContent = (h ? h + " h " : "") + m + " min " + String(s % 60).padStart(2, "0") + " s to go";
      setTimeout(tick, 1000);
    };
    tick();
  }
}
