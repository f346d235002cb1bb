// What the PWA needs from the server that serves it (headers, SPA fallback, CSP),
// checked over plain HTTP against the real binary. No browser needed.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIST_DIR, e2eSkipReason, startServer } from './server.mjs';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

function directives(csp) {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

/** Must be revalidated on every load (no long max-age, not immutable). */
function assertRevalidated(response, what) {
  const cache = response.headers.get('cache-control') ?? '';
  assert.ok(!/immutable/i.test(cache), `${what}: Cache-Control "${cache}" must not be immutable`);
  const maxAge = /max-age=(\d+)/i.exec(cache);
  assert.ok(!maxAge || Number(maxAge[1]) === 0 || /no-cache/i.test(cache), `${what}: Cache-Control "${cache}"`);
}

const skip = e2eSkipReason({ browser: false });

describe('server contract for the PWA', { skip }, () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });
  const get = (path, headers = {}) => fetch(`${server.url}${path}`, { headers, redirect: 'manual' });

  test('index.html is served with a strict CSP that still lets the shell run', async () => {
    const response = await get('/', HTML);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await response.text(), /<div id="app"><\/div>/);
    assertRevalidated(response, '/');
    const csp = directives(response.headers.get('content-security-policy'));
    assert.deepEqual(csp.get('script-src'), ["'self'"], 'script-src must be exactly self');
    for (const [name, needed] of [
      ['default-src', "'self'"],
      ['connect-src', "'self'"],
      ['manifest-src', "'self'"],
      ['worker-src', "'self'"],
      ['img-src', "'self'"],
      ['frame-ancestors', "'none'"],
    ]) {
      assert.ok(csp.get(name)?.includes(needed), `CSP ${name} must include ${needed}`);
    }
  });

  test('client-side routes fall back to index.html', async () => {
    for (const path of ['/sign-in', '/forgot-password', '/some/deep/route']) {
      const response = await get(path, HTML);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/, path);
      assert.match(await response.text(), /<div id="app"><\/div>/, path);
    }
  });

  test('API misses and missing files are 404 problem documents, never the HTML shell', async () => {
    for (const path of ['/api/v1/no-such-thing', '/assets/missing-0000.js']) {
      const response = await get(path, { accept: 'application/json' });
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(response.headers.get('content-type') ?? '', /text\/html/, path);
    }
    const problem = await get('/api/v1/no-such-thing', { accept: 'application/json' });
    assert.match(problem.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = await problem.json();
    assert.equal(typeof body.title, 'string');
  });

  test('the service worker and manifest are served fresh with the right types', async () => {
    const sw = await get('/sw.js');
    assert.equal(sw.status, 200);
    assert.match(sw.headers.get('content-type') ?? '', /^(text|application)\/javascript/);
    assertRevalidated(sw, '/sw.js');

    const manifest = await get('/manifest.webmanifest');
    assert.equal(manifest.status, 200);
    assert.match(manifest.headers.get('content-type') ?? '', /^application\/(manifest\+)?json/);
    assertRevalidated(manifest, '/manifest.webmanifest');
    assert.equal((await manifest.json()).name, 'Cinco');

    const icon = await get('/icons/icon-512.png');
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type') ?? '', /^image\/png/);
  });

  test('hashed assets are served with their types', async () => {
    for (const file of readdirSync(join(DIST_DIR, 'assets'))) {
      const response = await get(`/assets/${file}`);
      assert.equal(response.status, 200, file);
      const type = file.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/;
      assert.match(response.headers.get('content-type') ?? '', type, file);
    }
  });

  test('health endpoints answer', async () => {
    const ready = await get('/health/ready');
    assert.equal(ready.status, 200);
  });
});
