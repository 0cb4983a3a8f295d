// Secure Base body tools: one grounding step at a time, the emotion words
// of one area at a time, the pause timer, printing. Pages work without it.

// The time a tool starts is when its page opens here, not when the server
// made the page (it may come from the offline cache).
for (const input of document.querySelectorAll("[data-started-at]")) {
  input.value = String(Date.now());
}

// Grounding: one step per screen, a large Next button for one thumb.
for (const el of document.querySelectorAll("[data-stepper]")) {
  const steps = [...el.querySelectorAll("[data-step]")];
  const progress = el.querySelector("[data-step-progress]");
  const back = el.querySelector("[data-step-back]");
  const next = el.querySelector("[data-step-next]");
  let at = 0;
  el.querySelector("[data-step-controls]").hidden = false;
  el.classList.add("stepping");
  for (const s of steps) {
    s.querySelector(".step-prompt").tabIndex = -1;
  }
  function show(i, focus) {
    at = i;
    steps.forEach((s, j) => { s.hidden = j !== i; });
    progress.textContent = "Step " + (i + 1) + " of " + steps.length;
    back.hidden = i === 0;
    next.textContent = i === steps.length - 1 ? "Finish" : "Next step";
    if (focus) {
      steps[i].querySelector(".step-prompt").focus();
    }
  }
  next.addEventListener("click", () => {
    el.dispatchEvent(new CustomEvent("stepper:step", { bubbles: true, detail: { step: at } }));
    if (at < steps.length - 1) {
      show(at + 1, true);
    } else {
      steps.forEach((s) => { s.hidden = true; });
      progress.textContent = "Done. Notice how you feel now.";
      next.hidden = back.hidden = true;
      el.dataset.done = "true";
      el.dispatchEvent(new CustomEvent("stepper:done", { bubbles: true }));
    }
  });
  back.addEventListener("click", () => show(Math.max(0, at - 1), true));
  el.stepper = { restart: () => { next.hidden = false; delete el.dataset.done; show(0, false); } };
  show(0, false);
}

// Name it: pick an area first, then only its words are shown.
for (const regions of document.querySelectorAll("[data-regions]")) {
  const form = regions.closest("form");
  const lists = [...form.querySelectorAll("[data-region]")];
  function update() {
    const chosen = form.querySelector("input[name=region]:checked");
    const word = form.querySelector("input[name=emotion]:checked");
    const region = chosen ? chosen.value : word ? word.closest("[data-region]").dataset.region : "";
    for (const l of lists) {
      l.hidden = l.dataset.region !== region;
    }
  }
  regions.addEventListener("change", update);
  update();
}

// The pause timer, with a calm line that changes every 20 seconds.
for (const el of document.querySelectorAll("[data-pause]")) {
  const lines = JSON.parse(el.querySelector("[data-pause-lines]").textContent).map((l) => l.text);
  const line = el.querySelector("[data-pause-line]");
  const clock = el.querySelector("[data-pause-clock]");
  const status = el.querySelector("[data-pause-status]");
  let timer = 0;
  el.querySelector("[data-pause-controls]").hidden = false;
  for (const b of el.querySelectorAll("[data-pause-minutes]")) {
    b.addEventListener("click", () => start(Number(b.dataset.pauseMinutes)));
  }
  function start(minutes) {
    clearTimeout(timer);
    const t0 = performance.now();
    const total = minutes * 60000;
    status.textContent = "A " + minutes + "-minute pause has started.";
    let shown = -1;
    function tick() {
      const left = total - (performance.now() - t0);
      if (left <= 0) {
        clock.textContent = "";
        line.textContent = "The pause is over. Read what you wrote and see what you still want to say.";
        status.textContent = "The pause is over.";
        return;
      }
      const s = Math.ceil(left / 1000);
      clock.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      const n = Math.floor((total - left) / 20000) % lines.length;
      if (n !== shown) {
        shown = n;
        line.textContent = lines[n];
      }
      timer = setTimeout(tick, 250);
    }
    tick();
  }
}

// Reassurance in the flow: show another statement.
for (const btn of document.querySelectorAll("[data-reassure-next]")) {
  const step = btn.closest("section");
  const list = JSON.parse(step.querySelector("[data-reassure-list]").textContent || "[]");
  const text = step.querySelector("[data-reassure-text]");
  const id = step.querySelector("[data-reassure-id]");
  let i = -1;
  if (list.length) {
    btn.hidden = false;
  }
  btn.addEventListener("click", () => {
    i = (i + 1) % list.length;
    text.textContent = list[i].text;
    id.value = list[i].id || "";
  });
}

for (const btn of document.querySelectorAll("[data-print]")) {
  btn.hidden = false;
  btn.addEventListener("click", () => window.print());
}
