// DropSlot's door scanner keeps working without a network. This worker serves the scanner's
// pages, code and styles from the network when it can (so staff always get the latest) and
// from its cache when it cannot. Server calls are never cached: the scanner queues its scans
// in IndexedDB and syncs them itself.
const CACHE = "dropslot-door-v2";
const SHELL = [
  "/staff",
  "/pkg/dropslot.js",
  "/pkg/__wasm_split.______________________.js",
  "/pkg/dropslot.wasm",
  "/pkg/dropslot.css",
  "/staff.webmanifest",
  "/favicon.svg",
  "/icons/icon-192.png",
  "/icons/icon.svg",
];
const OFFLINE_PAGE = `<!DOCTYPE html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · DropSlot</title>
<body style="font-family: system-ui, sans-serif; padding: 1.5rem">
<h1>You are offline</h1><p>This page was not opened on this phone before. Open <a href="/staff">the door list</a>
and the drop you scan for while online once; after that it works offline.</p></body></html>`;

// The door page's islands load their code in chunks of their own, named by the split manifest.
// The page fetched them before this worker took control, so they are cached here, not on the way.
const DOOR_ISLANDS = ["door_island_loader_", "service_worker_loader_"];

async function doorIslandCode() {
  const response = await fetch("/pkg/__wasm_split_manifest.json");
  if (!response.ok) return [];
  const files = new Set();
  for (const [loader, chunks] of Object.entries(await response.json())) {
    if (DOOR_ISLANDS.some((name) => loader.startsWith(name))) {
      chunks.forEach((chunk) => files.add(`/pkg/${chunk}.wasm`));
    }
  }
  return [...files];
}

// Staff who turned notifications on get them in the scanner app too.
importScripts("/push-sw.js");

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(async (cache) => {
        await cache.addAll(SHELL);
        await cache.addAll(await doorIslandCode());
      })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(request).then((cached) => {
          if (cached) return cached;
          if (request.mode === "navigate") {
            return new Response(OFFLINE_PAGE, { headers: { "Content-Type": "text/html; charset=utf-8" } });
          }
          return Response.error();
        }),
      ),
  );
});
