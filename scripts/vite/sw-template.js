// Parley's service worker (generated at build from scripts/vite/sw-template.js). Cache-first for the app's own
// files so the app works offline; never touches other origins. A new version installs in the background and
// waits: it takes over only when the user says so ("Update available — reload"), so one page never mixes two
// versions. Model-pack files are not cached here: the pack loader caches them itself, after verifying them.
const VERSION = __VERSION__;
/** [path, sha256] of every shell file; each is verified before it is cached. */
const PRECACHE = __PRECACHE__;
const CACHE = `parley-shell-${VERSION}`;
const PACK_FILE = /\/packs\/[^/]+\/[^/]+$/;

async function sha256(buffer) {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function precache() {
  const cache = await caches.open(CACHE);
  for (const [path, hash] of PRECACHE) {
    const url = new URL(path, self.registration.scope);
    const response = await fetch(new Request(url, { cache: 'reload' }));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const body = await response.clone().arrayBuffer();
    // A proxy or a half-deployed update must not land in the offline copy: the install fails and is retried later.
    if (hash && (await sha256(body)) !== hash) throw new Error(`${path} does not match this version's build`);
    await cache.put(url, response);
  }
}

self.addEventListener('install', (event) => event.waitUntil(precache()));

self.addEventListener('message', (event) => {
  if (event.data === 'parley:activate') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('parley-shell-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (PACK_FILE.test(url.pathname) && !url.pathname.endsWith('/packs/index.json')) return; // the pack loader's business
  if (request.mode === 'navigate') {
    // Offline navigations get the cached shell; online ones still prefer the network for fresh HTML.
    event.respondWith(fetch(request).catch(() => caches.match(new URL('./index.html', self.registration.scope).href, { cacheName: CACHE })));
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit || fetch(request)),
  );
});
