// Safe Markdown for lesson text and tips, with `marked`: raw HTML (block or inline) is shown
// as text, links only to http(s) and mailto (anything else keeps just its text), links open
// in a new tab without the opener, and Markdown images show their alt text (the lesson's
// own image cards are the only images: no remote loads from text).
import { Marked } from 'marked';

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const md = new Marked({
  async: false,
  gfm: true,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, tokens }) {
      const inner = this.parser.parseInline(tokens);
      const url = href.trim();
      if (!SAFE_LINK.test(url)) return inner;
      return `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow" target="_blank">${inner}</a>`;
    },
    image({ text }) {
      return escapeHtml(text);
    },
  },
});

/** HTML for a lesson's Markdown; safe to put in {@html}. */
export function renderMarkdown(source: string): string {
  return md.parse(source, { async: false });
}
