// Secure Base service worker (I5). Built by the server: the version, the
// static files and the offline pages are filled in at start.
"use strict";

const VERSION = "__VERSION__";
const SHELL = "sb-shell-" + VERSION; // static files: public, versioned
const PAGES = "sb-pages"; // signed-in pages: private, dropped at sign-out
const PUBLIC = "sb-public"; // signed-out pages with the device's lines: nothing private
const PUBLIC_PAGES = ["/sos", "/help", "/help/more", "/help/safety"];
const STATIC = ["__STATIC__"];
const OFFLINE_PAGES = ["__PAGES__"];
const NETWORK_WAIT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(STATIC)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("sb-shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// keep reports whether a page is one the worker keeps for offline use.
function keep(url) {
  return OFFLINE_PAGES.includes(url.pathname + url.search);
}

// store keeps a good, signed-in answer for a page. A redirect (to sign
// in) or an error is never kept.
async function store(request, response) {
  if (response.ok && !response.redirected && response.type === "basic") {
    const cache = await caches.open(PAGES);
    await cache.put(request, response);
  }
}

// warm fetches every offline page once, so they are there before the
// network goes.
async function warm() {
  const cache = await caches.open(PAGES);
  await Promise.all(OFFLINE_PAGES.map(async (path) => {
    try {
      const res = await fetch(path, { credentials: "same-origin", redirect: "follow" });
      if (res.ok && !res.redirected) {
        await cache.put(path, res);
      }
    } catch (e) {
      /* offline: try again next time */
    }
  }));
}

// warmPublic keeps the signed-out flow and help pages, with the lines of
// this device's last known country, for a person who is signed out or
// whose session ended (issue 8).
async function warmPublic() {
  const cache = await caches.open(PUBLIC);
  await Promise.all(PUBLIC_PAGES.map(async (path) => {
    try {
      const res = await fetch(path, { credentials: "same-origin", redirect: "follow" });
      if (res.ok && !res.redirected) {
        await cache.put(path, res);
      }
    } catch (e) {
      /* offline: try again next time */
    }
  }));
}

self.addEventListener("message", (event) => {
  const msg = event.data || {};
  if (msg.type === "warm-public") {
    event.waitUntil(warmPublic().then(() => event.source && event.source.postMessage({ type: "warmed-public", version: VERSION })));
  } else if (msg.type === "warm") {
    event.waitUntil(warm().then(() => event.source && event.source.postMessage({ type: "warmed", version: VERSION })));
  } else if (msg.type === "clear") {
    event.waitUntil(caches.delete(PAGES));
  }
});

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("slow network")), ms));
}

async function page(request, url) {
  try {
    const res = await Promise.race([fetch(request), timeout(NETWORK_WAIT_MS)]);
    if (keep(url)) {
      await store(request, res.clone());
    }
    return res;
  } catch (e) {
    for (const name of [PAGES, PUBLIC]) {
      const cache = await caches.open(name);
      const hit = (await cache.match(request)) || (await cache.match(url.pathname + url.search));
      if (hit) {
        return hit;
      }
    }
    if (url.pathname.startsWith("/sos") || url.pathname.startsWith("/body")) {
      const sos = (await (await caches.open(PAGES)).match("/sos")) || (await (await caches.open(PUBLIC)).match("/sos"));
      if (sos) {
        return sos;
      }
    }
    return new Response(
      "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content='width=device-width'>" +
        "<title>Offline · Secure Base</title><main><h1>You're offline</h1>" +
        "<p>This page needs the network. The calming tools work offline once you have opened them while signed in.</p>" +
        "<p>In danger now? Call your local emergency number.</p></main></html>",
      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'" } },
    );
  }
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (req.method !== "GET") {
    if (req.method === "POST" && url.pathname === "/signout") {
      event.respondWith(caches.delete(PAGES).then(() => fetch(req)));
    }
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(
      caches.match(req).then((hit) => hit || caches.match(req, { ignoreSearch: true }).then((old) => fetch(req).catch(() => old))),
    );
    return;
  }
  if (req.mode === "navigate" || keep(url)) {
    event.respondWith(page(req, url));
  }
});
