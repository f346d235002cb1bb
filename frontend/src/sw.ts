/// <reference lib="webworker" />
// Service worker (vite-plugin-pwa `injectManifest`). Later issues add offline
// queues here with workbox-background-sync; keep it conventional Workbox.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null } | string>;
};

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

// First install: control the open page right away so it works offline without a reload.
clientsClaim();
