// The "I'm activated" flow (B6), one step at a time. Every step can be
// skipped. The episode is saved through the offline queue (offline.js)
// with an id chosen here, so it reaches the account exactly once, now or
// when the network returns. Without this script the page is one form.

const form = document.querySelector("[data-sos]");
if (form) {
  run(form);
}

function run(form) {
  const steps = [...form.querySelectorAll("[data-sos-step]")];
  const progress = form.querySelector("[data-sos-progress]");
  const used = [];
  let at = 0;
  const use = (tool) => { if (!used.includes(tool)) { used.push(tool); } };
  const newID = () => "sos-" + Date.now().toString(36) + "-" + Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");
  form.querySelector("[data-sos-id]").value = newID();
  form.classList.add("stepping");

  for (const [i, step] of steps.entries()) {
    const nav = document.createElement("div");
    nav.className = "actions thumb sos-nav";
    const last = i === steps.length - 1;
    if (!last) {
      nav.append(button("Next", "", () => go(i, true)), button("Skip", "quiet", () => skip(i)));
    } else if (!form.querySelector("[data-sos-save]")) {
      nav.append(button("Start again", "quiet", () => show(0)));
    } else {
      nav.append(form.querySelector("[data-sos-save]")); // the main button, under the thumb
    }
    if (i > 0) {
      nav.append(button("Back", "quiet link", () => show(i - 1)));
    }
    step.append(nav);
  }

  function button(text, cls, fn) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.className = cls;
    b.dataset.sosNav = text.toLowerCase().replace(/\s+/g, "-");
    b.addEventListener("click", fn);
    return b;
  }

  // go leaves step i: with Next the step counts as used, with Skip not.
  // Name it is three screens (the word, why and where, how strong), one
  // part of the flow.
  function go(i, done) {
    const name = steps[i].dataset.sosPart || steps[i].dataset.sosStep;
    if (done) {
      if (name === "name" && (checked("emotion") || value("emotion_own") || value("because") || checked("body") || checked("intensity"))) {
        use("name");
      } else if (name === "reassure") {
        use("reassure");
      } else if (name === "pause") {
        use("pause");
      }
    }
    stopPacer();
    show(i + 1);
  }

  // Skip leaves the whole part: Skip on any of Name it's screens goes on
  // to the step after it.
  function skip(i) {
    const part = steps[i].dataset.sosPart;
    let j = i;
    while (part && j + 1 < steps.length - 1 && steps[j + 1].dataset.sosPart === part) {
      j++;
    }
    go(j, false);
  }

  function show(i) {
    at = i;
    steps.forEach((s, j) => { s.hidden = j !== i; });
    window.sbDots(progress, i, steps.length);
    document.body.classList.toggle("sos-later", i > 0);
    steps[i].querySelector("h2").focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  // Calm: choosing breathe starts the pacer at once; ground shows step one.
  const panels = [...form.querySelectorAll("[data-calm-panel]")];
  panels.forEach((p) => { p.hidden = true; });
  for (const radio of form.querySelectorAll("[data-calm]")) {
    radio.addEventListener("change", () => choose(radio.value));
  }
  // Once a way is chosen, the choice steps aside so the tool is at the top
  // of the screen; a quiet button switches to the other way.
  const calmStep = form.querySelector("[data-sos-step=calm]");
  for (const again of form.querySelectorAll("[data-calm-again]")) {
    again.hidden = false;
    again.addEventListener("click", () => {
      const other = panels.find((p) => !p.contains(again));
      const radio = form.querySelector("[data-calm=" + other.dataset.calmPanel + "]");
      radio.checked = true;
      choose(radio.value);
    });
  }
  function choose(tool) {
    use(tool);
    stopPacer();
    for (const p of panels) {
      p.hidden = p.dataset.calmPanel !== tool;
    }
    const panel = panels.find((p) => p.dataset.calmPanel === tool);
    calmStep.classList.add("chosen");
    if (panel) {
      panel.querySelector("h3").focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
    const pacer = panel && panel.querySelector("[data-pacer]");
    if (pacer && pacer.pacer) {
      pacer.pacer.start();
    }
  }
  function stopPacer() {
    for (const p of form.querySelectorAll("[data-pacer]")) {
      if (p.pacer && p.pacer.running()) {
        p.pacer.stop();
      }
    }
  }

  const checked = (name) => form.querySelector("input[name=" + name + "]:checked");
  const value = (name) => (form.elements[name] ? form.elements[name].value.trim() : "");
  const rating = (name) => { const c = checked(name); return c ? Number(c.value) : undefined; };

  form.addEventListener("submit", async (event) => {
    if (!document.body.dataset.user || !window.sbOutbox) {
      return; // the server asks to sign in and keeps what was written
    }
    if (event.submitter && event.submitter.hasAttribute("data-sos-hold")) {
      return; // the draft goes to Pause before you send (issue 14)
    }
    event.preventDefault();
    if (value("draft")) {
      use("pause");
    }
    const body = {
      id: form.querySelector("[data-sos-id]").value,
      started_at: new Date(Number(form.elements.started_at.value)).toISOString(),
      ended_at: new Date().toISOString(),
      tools: used,
    };
    const before = rating("before");
    const after = rating("after");
    if (before !== undefined) { body.before = before; }
    if (after !== undefined) { body.after = after; }
    if (used.includes("breathe")) { body.pattern = form.elements.pattern.value; }
    if (used.includes("ground")) { body.exercise = form.elements.exercise.value; }
    if (used.includes("reassure") && form.elements.statement.value) { body.statement = form.elements.statement.value; }
    if (used.includes("name")) {
      const emotion = value("emotion_own") || (checked("emotion") ? checked("emotion").value : "");
      if (emotion) { body.emotion = emotion; }
      if (value("because")) { body.because = value("because"); }
      const places = [...form.querySelectorAll("input[name=body]:checked")].map((b) => b.value);
      if (places.length) { body.body = places; }
      const intensity = rating("intensity");
      if (intensity !== undefined) { body.intensity = intensity; }
    }
    if (value("draft")) { body.draft = value("draft"); }

    await window.sbOutbox.enqueue({ id: body.id, url: "/api/v1/episodes", body });
    const sent = await window.sbOutbox.flush();
    const answer = sent[body.id];
    const crisis = answer ? Boolean(answer.crisis) : false;
    const high = Number(form.dataset.distressHigh); // the scale is the server's (securebase.DistressHigh)
    if (answer && answer.safety) {
      document.querySelector("[data-sos-safety]").hidden = false;
    }
    finish(answer ? "saved" : "queued", crisis || (after !== undefined && after >= high), body.id);
  });

  function finish(kind, care, id) {
    const result = document.querySelector("[data-sos-result]");
    const msg = document.querySelector("[data-sos-messages]").content.querySelector("[data-msg=" + kind + "]");
    form.hidden = true;
    result.querySelector("[data-sos-result-text]").textContent = msg.textContent;
    result.dataset.episode = id;
    result.dataset.state = kind;
    result.hidden = false;
    if (care) {
      carePanel.hidden = false;
      carePanel.focus();
    } else {
      result.focus();
    }
    document.dispatchEvent(new CustomEvent("sos:saved", { detail: { id, state: kind, care } }));
  }

  // Distress 8 or more at the end brings the lines forward at once,
  // signed in or not, online or not: the panel is part of this page, with
  // the lines of the person's (or this device's) country.
  const carePanel = document.querySelector("[data-sos-care]");
  const careNote = form.querySelector("[data-sos-care-note]");
  for (const radio of form.querySelectorAll("[data-sos-step=after] input[name=after]")) {
    radio.addEventListener("change", () => {
      const high = Number(radio.value) >= 8;
      if (high && carePanel.hidden && careNote) {
        careNote.textContent = "Crisis lines are shown below the form.";
      }
      carePanel.hidden = !high;
    });
  }

  // The star on the reassurance step marks a favourite, the same favourite
  // as the star on /body/reassure, through the API (no flash message left
  // for a later page), without leaving the flow.
  // Without scripts it is a submit button: the flow's form comes back with
  // everything in it (POST /sos with star).
  const star = form.querySelector("[data-sos-star]");
  if (star) {
    const reassure = form.querySelector("[data-sos-step=reassure]");
    const status = reassure.querySelector("[data-star-status]");
    const favs = new Set();
    const mark = (id, on) => {
      star.value = id;
      star.hidden = !id; // your own words have no star here: they are starred already
      star.dataset.favourite = String(on);
      star.querySelector("[data-star-mark]").textContent = on ? "★" : "☆";
      star.querySelector("[data-star-words]").textContent = on ? "Remove from favourites" : "Add to favourites";
    };
    if (star.dataset.favourite === "true") { favs.add(star.value); }
    const list = JSON.parse(reassure.querySelector("[data-reassure-list]").textContent || "[]");
    for (const st of list) {
      if (st.favourite && st.id) { favs.add(st.id); }
    }
    star.type = "button";
    star.removeAttribute("name");
    reassure.addEventListener("reassure:shown", (e) => { status.textContent = ""; mark(e.detail.id || "", favs.has(e.detail.id)); });
    star.addEventListener("click", async () => {
      const id = star.value;
      const on = !favs.has(id);
      mark(id, on);
      star.dataset.state = "saving";
      try {
        const res = await fetch("/api/v1/favourites/" + encodeURIComponent(id), { method: on ? "PUT" : "DELETE", credentials: "same-origin" });
        if (!res.ok && !(res.status === 404 && !on)) { throw new Error(String(res.status)); }
        if (on) { favs.add(id); } else { favs.delete(id); }
        status.textContent = on ? "Added to your favourites." : "Taken out of your favourites.";
        star.dataset.state = "saved";
      } catch {
        mark(id, !on);
        status.textContent = "The star couldn't be saved just now. Everything else here is still kept.";
        star.dataset.state = "failed";
      }
    });
  }

  show(0);
  form.dataset.ready = "true";
}
