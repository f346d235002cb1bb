/// <reference lib="webworker" />
// Service worker (vite-plugin-pwa `injectManifest`): the precached app shell, lesson images
// kept for offline use, and background sync of the offline queue.
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null } | string>;
};

/** Must match src/lib/offline (MEDIA_CACHE, SYNC_TAG). */
const MEDIA_CACHE = 'cinco-media';
const SYNC_TAG = 'cinco-results';

// registerType 'prompt': the page asks the waiting worker to take over when the user agrees.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Client-side routes (/sign-in, /forgot-password, …) get the precached shell;
// server endpoints always go to the network.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api(\/|$)/, /^\/health(\/|$)/, /^\/metrics(\/|$)/],
  }),
);

// Uploaded images never change (content-addressed, `immutable`): the offline pack puts
// them in this cache and they are served from it, online or not.
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.pathname.startsWith('/api/v1/media/'),
  new CacheFirst({ cacheName: MEDIA_CACHE, plugins: [new ExpirationPlugin({ maxEntries: 300 })] }),
);

// Background sync: when the browser sees the network again, ask open pages to send their
// queued results (they hold the session; the worker never touches tokens).
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== SYNC_TAG) return;
  sync.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((pages) => {
      for (const page of pages) page.postMessage({ type: SYNC_TAG });
    }),
  );
});

// First install: control the open page right away so it works offline without a reload.
clientsClaim();
