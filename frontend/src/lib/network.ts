import { readable } from 'svelte/store';

/** navigator.onLine, kept current by the online/offline events. */
export const online = readable(typeof navigator === 'undefined' ? true : navigator.onLine, (set) => {
  const update = () => set(navigator.onLine);
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  update();
  return () => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  };
});
