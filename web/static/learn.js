// Secure Base Learn: marks the lessons you have read. The marks live in
// this browser's local storage only, under your username, and are never
// sent to the server (docs/learn.md says why). Without this file the
// pages read the same; they just do not show what you have read.

const KEY = "sb-learn-read:" + (document.body.dataset.user || "");

function load() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) || "[]");
    return new Set(Array.isArray(list) ? list.filter((s) => typeof s === "string") : []);
  } catch (e) {
    return new Set();
  }
}

function save(read) {
  try {
    if (read.size > 0) {
      localStorage.setItem(KEY, JSON.stringify([...read].sort()));
    } else {
      localStorage.removeItem(KEY);
    }
  } catch (e) {
    /* storage is off or full: the mark lasts only for this page */
  }
}

const read = load();

// The Learn page: "Read" or "Not read yet" beside each lesson, and a count.
function showMarks() {
  const marks = [...document.querySelectorAll("[data-read-state]")];
  for (const el of marks) {
    const done = read.has(el.dataset.readState);
    el.textContent = done ? " · Read" : " · Not read yet";
    el.classList.toggle("is-read", done);
  }
  const progress = document.querySelector("[data-learn-progress]");
  if (progress && marks.length > 0) {
    const n = marks.filter((el) => read.has(el.dataset.readState)).length;
    progress.textContent = `You have read ${n} of ${marks.length} lessons on this device.`;
    progress.hidden = false;
  }
}

showMarks();

const note = document.querySelector("[data-learn-note]");
if (note) {
  note.hidden = false;
  note.querySelector("[data-learn-forget]").addEventListener("click", () => {
    read.clear();
    save(read);
    showMarks();
  });
}

// A lesson: a checkbox to mark it read, or not.
const box = document.querySelector("[data-learn-lesson]");
if (box) {
  const slug = box.dataset.learnLesson;
  const input = box.querySelector("[data-learn-read]");
  input.checked = read.has(slug);
  input.addEventListener("change", () => {
    if (input.checked) {
      read.add(slug);
    } else {
      read.delete(slug);
    }
    save(read);
  });
  box.hidden = false;
}
