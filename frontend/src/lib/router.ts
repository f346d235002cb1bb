import { writable } from 'svelte/store';

// A minimal history router: a store with the current path, navigate(), and a
// `link` action for <a> elements. The server falls back to index.html for
// unknown non-API GETs, so deep links work on reload.

export const path = writable(typeof location === 'undefined' ? '/' : location.pathname);

let navigated = false;
/** True once the user has moved between screens in this page load (used for focus management). */
export const hasNavigated = () => navigated;

/**
 * Goes to `to`. `replace` swaps the current history entry (redirects); `moved` marks a replace
 * that the user caused (e.g. signing in), so the new screen takes focus like after a push.
 */
export function navigate(to: string, options: { replace?: boolean; moved?: boolean } = {}): void {
  const url = new URL(to, location.href);
  if (url.origin !== location.origin) {
    location.assign(url);
    return;
  }
  if (options.replace) {
    history.replaceState(history.state, '', url);
    if (options.moved) navigated = true;
  } else {
    history.pushState(null, '', url);
    navigated = true;
  }
  path.set(url.pathname);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    navigated = true;
    path.set(location.pathname);
  });
}

/** `<a href="/x" use:link>`: client-side navigation for same-origin links. */
export function link(node: HTMLAnchorElement) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (node.target && node.target !== '_self') return;
    const url = new URL(node.href, location.href);
    if (url.origin !== location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  node.addEventListener('click', onClick);
  return { destroy: () => node.removeEventListener('click', onClick) };
}
