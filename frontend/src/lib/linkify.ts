// Mail bodies are plain text; links in them become clickable only when they point back into
// this app (same origin), so a mail can never send an admin somewhere else.

export type Segment = { text: string } | { text: string; href: string };

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
/** Punctuation that ends a sentence rather than the link. */
const TRAILING = /[.,;:!?)\]]+$/;

export function linkify(text: string, origin: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  const push = (segment: Segment) => {
    const previous = segments[segments.length - 1];
    if (previous && !('href' in previous) && !('href' in segment)) previous.text += segment.text;
    else if (segment.text) segments.push(segment);
  };
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    const url = match[0].replace(TRAILING, '');
    push({ text: text.slice(last, start) });
    push(isSameOrigin(url, origin) ? { text: url, href: url } : { text: url });
    last = start + url.length;
  }
  push({ text: text.slice(last) });
  return segments;
}

function isSameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin && (url === origin || url.startsWith(`${origin}/`));
  } catch {
    return false;
  }
}
