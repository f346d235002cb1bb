// Starts the real Cinco server (`$CINCO_BIN serve`, after `seed-demo`) on a free loopback
// port, serving this frontend's dist/, for browser tests. Never vite preview.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from './browser.mjs';

export const FRONTEND_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_DIR = join(FRONTEND_DIR, 'dist');
export const REQUIRE_BROWSER = process.env.REQUIRE_BROWSER === '1';
const READY_TIMEOUT_MS = 30_000;

/**
 * Why the e2e tests cannot run here, or false when they can. Missing pieces skip the
 * tests, unless REQUIRE_BROWSER=1: then this throws so the run fails loudly.
 * `browser: false` for tests that only need the server.
 */
export function e2eSkipReason({ browser = true } = {}) {
  const missing = [];
  if (browser && !existsSync(chromiumPath)) missing.push(`no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
  const bin = process.env.CINCO_BIN;
  if (!bin) missing.push('CINCO_BIN is not set (absolute path to the cinco binary)');
  else if (!existsSync(bin)) missing.push(`CINCO_BIN=${bin} does not exist`);
  if (missing.length === 0) {
    if (!existsSync(join(DIST_DIR, 'index.html'))) {
      throw new Error(`${DIST_DIR}/index.html is missing: run \`npm run build\` first`);
    }
    return false;
  }
  const reason = `e2e tests skipped: ${missing.join('; ')}`;
  if (REQUIRE_BROWSER) throw new Error(`REQUIRE_BROWSER=1 but ${reason.replace('e2e tests skipped: ', '')}`);
  console.warn(reason);
  return reason;
}

/** A port that was free a moment ago (listen on 0, read it, close). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every demo account (admin@, trainer@, lead1@, lead2@, agent01@…agent12@demo.cinco.test) signs in with this. */
export const DEMO_PASSWORD = 'cinco-demo-2026';
export const demoEmail = (local) => `${local}@demo.cinco.test`;

/** Runs `$CINCO_BIN <args>` to completion; rejects with its output when it fails. */
function runOnce(bin, args, { cwd, env }) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolveRun(output);
      else reject(new Error(`cinco ${args.join(' ')} failed (${code ?? signal}):\n${output}`));
    });
  });
}

/**
 * Seeds the demo organisation (`$CINCO_BIN seed-demo`, from its built-in content) into a
 * fresh data dir, then spawns `$CINCO_BIN serve` with the same environment (serving its
 * built-in PWA) and waits for GET /health/ready → 200.
 * @param {{ env?: Record<string, string> }} [options] extra environment for the server
 * @returns {Promise<{ url: string, port: number, dataDir: string, output: () => string, stop: () => Promise<void> }>}
 */
export async function startServer(options = {}) {
  const bin = process.env.CINCO_BIN;
  if (!bin) throw new Error('CINCO_BIN is not set');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'cinco-e2e-'));
  const env = {
    ...process.env,
    CINCO_LISTEN: `127.0.0.1:${port}`,
    CINCO_DATA_DIR: dataDir,
    CINCO_LOG_FORMAT: 'json',
    CINCO_PUBLIC_URL: url,
    ...options.env,
  };
  try {
    // Seeded from another folder with the demo content and the PWA built into the binary:
    // nothing beside it is needed.
    await runOnce(bin, ['seed-demo'], { cwd: dataDir, env });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const child = spawn(bin, ['serve'], { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'], env });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((r) => child.once('exit', (code, signal) => r((exited = { code, signal }))));
  child.once('error', (error) => keep(`spawn error: ${error.message}\n`));

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return { url, port, dataDir, output: () => log, stop };
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await sleep(200);
  }
  await stop();
  const why = exited ? `exited (${JSON.stringify(exited)})` : `not ready after ${READY_TIMEOUT_MS / 1000} s (${last})`;
  throw new Error(`cinco serve ${why}. Server output:\n${log}`);
}
