// Secure Base offline support (I5): registers the service worker, keeps
// signed-in pages cached for offline use, clears them when signed out
// (keeping the public flow and help pages with this device's lines), and
// sends episodes and check-ins saved offline once the network is back. Every page loads
// this module; pages work without it.

const user = document.body.dataset.user || "";
const DB = "securebase";
const STORE = "outbox";

function openDB() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function tx(db, mode, fn) {
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const out = fn(t.objectStore(STORE));
    t.oncomplete = () => resolve(out && out.result !== undefined ? out.result : undefined);
    t.onerror = () => reject(t.error);
  });
}

// enqueue keeps a save on this device until the API has it. The id is
// chosen here, so sending it twice stores it once.
async function enqueue(item) {
  const db = await openDB();
  await tx(db, "readwrite", (s) => s.put({ ...item, user, queuedAt: Date.now() }));
}

let flushing = null;

// flush sends every queued save of the signed-in person. It returns the
// answers it got, by id. A save that fails on the network stays queued.
function flush() {
  if (!flushing) {
    flushing = doFlush().finally(() => { flushing = null; });
  }
  return flushing;
}

async function doFlush() {
  const sent = {};
  if (!user || !("indexedDB" in window)) {
    return sent;
  }
  const db = await openDB();
  const items = await tx(db, "readonly", (s) => s.getAll());
  for (const item of items || []) {
    if (item.user !== user) {
      continue;
    }
    let res;
    try {
      res = await fetch(item.url, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(item.body),
      });
    } catch (e) {
      continue; // offline: keep it
    }
    if (res.ok) {
      sent[item.id] = await res.json().catch(() => ({}));
      await tx(db, "readwrite", (s) => s.delete(item.id));
    } else if (res.status === 400) {
      // The server can never take it as it is. Keep it, but stop retrying.
      await tx(db, "readwrite", (s) => s.put({ ...item, user: user + "#refused", status: res.status }));
    }
  }
  document.dispatchEvent(new CustomEvent("outbox:flushed", { detail: { sent } }));
  return sent;
}

async function pending() {
  if (!("indexedDB" in window)) {
    return 0;
  }
  const db = await openDB();
  const items = await tx(db, "readonly", (s) => s.getAll());
  return (items || []).filter((i) => i.user === user).length;
}

async function setUp() {
  if (!("serviceWorker" in navigator)) {
    return;
  }
  try {
    const reg = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    await navigator.serviceWorker.ready;
    const sw = reg.active || navigator.serviceWorker.controller;
    if (!sw) {
      return;
    }
    if (user) {
      const key = "sb-warm";
      const mark = user + " " + new Date().toDateString();
      // After any save (a new plan, another country) the copies are stale.
      if (localStorage.getItem(key) !== mark || "saved" in document.body.dataset) {
        navigator.serviceWorker.addEventListener("message", (e) => {
          if (e.data && e.data.type === "warmed") {
            localStorage.setItem(key, mark);
            document.documentElement.dataset.offlineReady = "true";
          }
        });
        sw.postMessage({ type: "warm" });
      } else {
        document.documentElement.dataset.offlineReady = "true";
      }
    } else {
      localStorage.removeItem("sb-warm");
      // Held messages kept on this device (behaviour.js) go at sign-out.
      for (const k of Object.keys(localStorage)) {
        if (k.startsWith("sb-held")) {
          localStorage.removeItem(k);
        }
      }
      sw.postMessage({ type: "clear" });
      // Signed out: keep the flow and the help pages with this device's
      // lines, fetched again when the country or the day changes.
      const key = "sb-warm-public";
      const mark = (document.body.dataset.country || "-") + " " + new Date().toDateString();
      if (localStorage.getItem(key) !== mark) {
        navigator.serviceWorker.addEventListener("message", (e) => {
          if (e.data && e.data.type === "warmed-public") {
            localStorage.setItem(key, mark);
            document.documentElement.dataset.offlineReady = "true";
          }
        });
        sw.postMessage({ type: "warm-public" });
      } else {
        document.documentElement.dataset.offlineReady = "true";
      }
    }
  } catch (e) {
    /* no offline support in this browser or context */
  }
}

setUp();
flush();
window.addEventListener("online", () => flush());
setInterval(() => { pending().then((n) => { if (n > 0 && navigator.onLine) { flush(); } }); }, 15000);

// Page scripts (sos.js) use the queue through this object rather than an
// import, so the module is loaded once, from its versioned address.
window.sbOutbox = { enqueue, flush, pending };
