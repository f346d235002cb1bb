import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

const ORIGIN = 'http://127.0.0.1:4000';

describe('linkify', () => {
  it('links only URLs of this origin, leaving trailing punctuation outside', () => {
    const text = `Hola Ana,\nOpen ${ORIGIN}/accept-invitation?token=abc. Or see https://evil.example/x, or ${ORIGIN}.evil.example/y`;
    expect(linkify(text, ORIGIN)).toEqual([
      { text: 'Hola Ana,\nOpen ' },
      { text: `${ORIGIN}/accept-invitation?token=abc`, href: `${ORIGIN}/accept-invitation?token=abc` },
      { text: `. Or see https://evil.example/x, or ${ORIGIN}.evil.example/y` },
    ]);
  });

  it('keeps plain text as one segment', () => {
    expect(linkify('no links here', ORIGIN)).toEqual([{ text: 'no links here' }]);
    expect(linkify('', ORIGIN)).toEqual([]);
  });
});
