// Secure Base body tools: one grounding step at a time, the emotion words
// of one area at a time, the pause timer, printing. Pages work without it.

// The time a tool starts is when its page opens here, not when the server
// made the page (it may come from the offline cache).
for (const input of document.querySelectorAll("[data-started-at]")) {
  input.value = String(Date.now());
}

// Progress as quiet dots: one per step, the current one filled. The words
// ("Step 2 of 4") are there for screen readers only.
function dots(el, at, count) {
  el.classList.add("dots-wrap");
  el.textContent = "";
  const words = document.createElement("span");
  words.className = "visually-hidden";
  words.textContent = "Step " + (at + 1) + " of " + count;
  const row = document.createElement("span");
  row.className = "dots";
  row.setAttribute("aria-hidden", "true");
  for (let i = 0; i < count; i++) {
    const d = document.createElement("span");
    d.className = i === at ? "dot now" : i < at ? "dot done" : "dot";
    row.append(d);
  }
  el.append(words, row);
}
window.sbDots = dots;

// A tool page in stages (issue 12): how strong it is, the tool, how strong
// it is now, one at a time, with Back and Next under the thumb. Without
// this script the whole form shows and saves as one.
for (const form of document.querySelectorAll("form[data-stages]")) {
  const stages = [...form.querySelectorAll("[data-stage]")];
  const progress = document.createElement("p");
  progress.className = "stage-progress";
  progress.setAttribute("aria-live", "polite");
  form.prepend(progress);
  const nav = document.createElement("div");
  nav.className = "actions thumb stage-nav";
  const back = document.createElement("button");
  back.type = "button";
  back.className = "quiet";
  back.textContent = "Back";
  back.dataset.stageBack = "";
  const next = document.createElement("button");
  next.type = "button";
  next.textContent = "Next";
  next.dataset.stageNext = "";
  nav.append(next, back);
  form.append(nav);
  form.classList.add("staged");
  let at = 0;
  const stepperOf = (i) => stages[i].querySelector("[data-stepper]");
  function show(i, focus) {
    at = i;
    stages.forEach((s, j) => { s.hidden = j !== i; });
    form.dataset.at = stages[i].dataset.stage;
    dots(progress, i, stages.length);
    const stepper = stepperOf(i);
    // A grounding exercise has its own Back and Next: the stage's wait
    // until it is done.
    const busy = stepper && stepper.dataset.done !== "true";
    next.hidden = i === stages.length - 1 || Boolean(busy);
    back.hidden = i === 0 || Boolean(busy);
    nav.hidden = next.hidden && back.hidden;
    if (focus) {
      stages[i].tabIndex = -1;
      stages[i].focus();
    }
  }
  next.addEventListener("click", () => {
    for (const p of stages[at].querySelectorAll("[data-pacer]")) {
      if (p.pacer && p.pacer.running()) {
        p.pacer.stop();
      }
    }
    show(Math.min(at + 1, stages.length - 1), true);
  });
  back.addEventListener("click", () => show(Math.max(at - 1, 0), true));
  form.addEventListener("stepper:done", () => show(at, false));
  // A form that came back with a problem opens on the first stage with one.
  const problem = stages.findIndex((s) => s.querySelector(".field-error"));
  show(problem > 0 ? problem : 0, false);
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
    dots(progress, i, steps.length);
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
    step.dispatchEvent(new CustomEvent("reassure:shown", { bubbles: true, detail: list[i] }));
  });
}

for (const btn of document.querySelectorAll("[data-print]")) {
  btn.hidden = false;
  btn.addEventListener("click", () => window.print());
}
