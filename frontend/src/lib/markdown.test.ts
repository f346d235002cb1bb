import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    expect(renderMarkdown('**FCR** matters\n\n- one\n- two')).toBe(
      '<p><strong>FCR</strong> matters</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
  });

  it('shows raw HTML as text', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nhi <img src=x onerror="alert(1)">');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<[a-z]+[^>]*\son\w+=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('drops javascript:, data: and other non-http links', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<b>x', 'vbscript:x', 'file:///etc/passwd']) {
      const html = renderMarkdown(`[x](${url})`);
      expect(html, url).not.toMatch(/<a\s/);
      expect(html, url).not.toMatch(/href=/);
    }
    expect(renderMarkdown('<javascript:alert(1)>')).not.toContain('href');
    expect(renderMarkdown('[x](&#106;avascript:alert(1))')).not.toContain('href');
  });

  it('escapes HTML inside inline code, link text and attributes', () => {
    expect(renderMarkdown('`<b>`')).toBe('<p><code>&lt;b&gt;</code></p>\n');
    const html = renderMarkdown('[<svg onload=alert(1)>](https://e.com/"onmouseover="alert(1))');
    expect(html).not.toContain('<svg');
    expect(html).not.toMatch(/"\s*onmouseover=/);
    expect(renderMarkdown('<div onclick="x()">hi</div>')).not.toContain('<div');
  });

  it('keeps http(s) links, opening safely', () => {
    expect(renderMarkdown('[docs](https://example.com/a)')).toBe(
      '<p><a href="https://example.com/a" rel="noopener noreferrer nofollow" target="_blank">docs</a></p>\n',
    );
  });

  it('does not load Markdown images', () => {
    const html = renderMarkdown('![a](https://tracker.example/p.png) ![b](javascript:alert(1))');
    expect(html).not.toContain('<img');
    expect(html).toBe('<p>a b</p>\n');
  });
});
