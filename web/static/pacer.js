// Secure Base breathing pacer (B1). Each [data-pacer] element carries its
// plan: every phase change as an offset in ms from the start, made by the
// server from the pattern (practice.Schedule). Each change is scheduled at
// start + offset on the monotonic clock (performance.now), never by adding
// up delays, so the pacer does not drift. Every change is announced as a
// "pacer:phase" DOM event with the planned and actual time; the end as
// "pacer:end". The circle grows and shrinks with CSS transitions; when
// reduced motion is asked for it stays still and the text countdown leads.

const reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
const EARLY_MS = 8; // wake this much early, then wait out the rest exactly

// later runs fn after ms and returns a function that cancels it.
function later(fn, ms) {
  if (window.scheduler && window.scheduler.postTask && window.TaskController) {
    const ctl = new TaskController({ priority: "user-blocking" });
    window.scheduler.postTask(fn, { signal: ctl.signal, delay: ms }).catch(() => {});
    return () => ctl.abort();
  }
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
}

for (const el of document.querySelectorAll("[data-pacer]")) {
  setUp(el);
}

function setUp(el) {
  const plan = JSON.parse(el.querySelector("[data-pacer-plan]").textContent);
  const q = (sel) => el.querySelector(sel);
  const circle = q(".pacer-circle");
  const label = q("[data-pacer-label]");
  const count = q("[data-pacer-count]");
  const round = q("[data-pacer-round]");
  const startBtn = q("[data-pacer-start]");
  const stopBtn = q("[data-pacer-stop]");
  const tones = q("[data-pacer-tones]");
  const vibrate = q("[data-pacer-vibrate]");
  const rounds = plan.steps.length ? plan.steps[plan.steps.length - 1].cycle : 0;
  q("[data-pacer-controls]").hidden = false;
  q("[data-pacer-options]").hidden = !("AudioContext" in window) && !("vibrate" in navigator);
  if (!("vibrate" in navigator)) {
    vibrate.closest("label").hidden = true;
  }
  el.classList.toggle("reduced", reduced.matches);
  reduced.addEventListener("change", () => el.classList.toggle("reduced", reduced.matches));

  let run = null;
  let audio = null;

  function begin() {
    if (run) {
      return;
    }
    if (tones.checked && !audio && "AudioContext" in window) {
      audio = new AudioContext();
    }
    run = { t0: performance.now(), i: 0, cancel: null, frame: 0, ticker: 0, step: null };
    startBtn.hidden = true;
    stopBtn.hidden = false;
    el.dataset.running = "true";
    el.dispatchEvent(new CustomEvent("pacer:start", { bubbles: true }));
    fire(false);
    arm();
    run.frame = requestAnimationFrame(frame);
    tick();
  }

  function dueOf(i) {
    return run.t0 + (i < plan.steps.length ? plan.steps[i].offset_ms : plan.duration_ms);
  }

  // fire makes every change that is due. With exact set, a change due in
  // the next few ms is waited out here, so it lands on time.
  function fire(exact) {
    let now = performance.now();
    if (exact && dueOf(run.i) - now <= EARLY_MS) {
      while ((now = performance.now()) < dueOf(run.i)) {
        /* the last few ms, exactly */
      }
    }
    while (run && now >= dueOf(run.i)) {
      if (run.i < plan.steps.length) {
        change(run.i);
        run.i++;
      } else {
        finish();
      }
    }
  }

  // arm wakes the pacer just before the next change. The browser's
  // prioritized scheduler is used where there is one (user-blocking tasks
  // run ahead of ordinary timers when the page is busy); setTimeout
  // elsewhere.
  function arm() {
    if (!run) {
      return;
    }
    const wait = Math.max(0, dueOf(run.i) - performance.now() - EARLY_MS);
    run.cancel = later(() => {
      if (run) {
        fire(true);
        arm();
      }
    }, wait);
  }

  // frame checks on every animation frame too, so a change is never more
  // than a frame late if timers are held back while the page renders.
  function frame() {
    if (!run) {
      return;
    }
    fire(false);
    if (run) {
      run.frame = requestAnimationFrame(frame);
    }
  }

  function change(i) {
    const s = plan.steps[i];
    const actual = performance.now() - run.t0;
    run.step = s;
    circle.style.transitionDuration = s.length_ms + "ms";
    circle.dataset.kind = s.kind;
    label.textContent = plan.labels[s.kind] || s.kind;
    round.textContent = "Round " + s.cycle + " of " + rounds;
    sound(s.kind);
    if (vibrate.checked && navigator.vibrate) {
      navigator.vibrate(s.kind === "in" ? 60 : 30);
    }
    el.dispatchEvent(new CustomEvent("pacer:phase", {
      bubbles: true,
      detail: { index: i, cycle: s.cycle, phase: s.phase, kind: s.kind, plannedMs: s.offset_ms, actualMs: actual },
    }));
    tick();
  }

  // tick shows the seconds left in this phase, four times a second.
  function tick() {
    if (!run) {
      return;
    }
    clearTimeout(run.ticker);
    if (run.step) {
      const left = run.t0 + run.step.offset_ms + run.step.length_ms - performance.now();
      count.textContent = String(Math.max(1, Math.ceil(left / 1000)));
    }
    run.ticker = setTimeout(tick, 250);
  }

  function finish() {
    const actual = performance.now() - run.t0;
    stop();
    label.textContent = "Done. Notice how you feel now.";
    el.dataset.done = "true";
    el.dispatchEvent(new CustomEvent("pacer:end", { bubbles: true, detail: { plannedMs: plan.duration_ms, actualMs: actual } }));
  }

  function stop() {
    if (!run) {
      return;
    }
    if (run.cancel) {
      run.cancel();
    }
    cancelAnimationFrame(run.frame);
    clearTimeout(run.ticker);
    run = null;
    circle.style.transitionDuration = "1500ms";
    circle.dataset.kind = "rest";
    count.textContent = "";
    round.textContent = "";
    startBtn.hidden = false;
    stopBtn.hidden = true;
    delete el.dataset.running;
    label.textContent = "Stopped. You can start again whenever you like.";
  }

  // sound plays a soft tone made here, higher for a breath in, lower for
  // a breath out. No sound files, nothing fetched.
  function sound(kind) {
    if (!tones.checked || !audio) {
      return;
    }
    const freq = { in: 392, "top-up": 440, hold: 330, out: 294, rest: 262 }[kind] || 330;
    const t = audio.currentTime;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = "sine";
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(0.06, t + 0.08);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.9);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + 1);
  }

  tones.addEventListener("change", () => {
    if (tones.checked && !audio && "AudioContext" in window) {
      audio = new AudioContext();
    }
  });
  startBtn.addEventListener("click", begin);
  stopBtn.addEventListener("click", stop);
  el.pacer = { start: begin, stop, running: () => run !== null };
}
