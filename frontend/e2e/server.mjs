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

/** The development mailbox's log line for each mail (with CINCO_LOG_FORMAT=json). */
const DEV_MAIL = 'mail delivered to the development mailbox';
const LOG_WAIT_MS = 20_000;

/**
 * @typedef {{ to: string, subject: string, body: string }} DevMail
 * @typedef {object} ServerLog
 * @property {() => number} mark how many lines came so far: pass it as `after` to only look at later lines
 * @property {(pattern: RegExp, options?: { after?: number, timeoutMs?: number }) => Promise<RegExpExecArray>}
 *   waitForLog the first line (after `after`) that matches, waiting for it to come
 * @property {(predicate: (mail: DevMail) => boolean, options?: { after?: number, timeoutMs?: number }) => Promise<DevMail>}
 *   waitForDevMail the first mail (after `after`) the development mailbox logged that matches
 */

/**
 * The server's output as lines, kept for looking through and waited on. Each stream gets its
 * own `splitter()` so that stdout and stderr never mix within a line.
 * @returns {ServerLog & { splitter: () => (chunk: Buffer) => void }}
 */
function serverLog() {
  /** @type {string[]} */
  const lines = [];
  /** @type {Set<() => void>} */
  const listeners = new Set();
  const add = (line) => {
    lines.push(line);
    for (const listener of listeners) listener();
  };
  const splitter = () => {
    let partial = '';
    return (chunk) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) add(line);
    };
  };

  /** The first value `find` answers (not undefined) for a line after `after`, when it comes. */
  const waitForLine = (find, what, { after = 0, timeoutMs = LOG_WAIT_MS } = {}) =>
    new Promise((resolveLine, reject) => {
      let next = after;
      const look = () => {
        for (; next < lines.length; next++) {
          const found = find(lines[next]);
          if (found !== undefined) {
            done();
            resolveLine(found);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${what} in the server log after ${timeoutMs} ms. Last lines:\n${lines.slice(-20).join('\n')}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(look);
      };
      listeners.add(look);
      look();
    });

  const devMail = (line) => {
    if (!line.includes(DEV_MAIL)) return undefined;
    try {
      const entry = JSON.parse(line);
      return entry.message === DEV_MAIL ? { to: entry.to, subject: entry.subject, body: entry.body } : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    splitter,
    mark: () => lines.length,
    waitForLog: (pattern, options) =>
      waitForLine((line) => pattern.exec(line) ?? undefined, `line matching ${pattern}`, options),
    waitForDevMail: (predicate, options) =>
      waitForLine(
        (line) => {
          const mail = devMail(line);
          return mail && predicate(mail) ? mail : undefined;
        },
        'matching mail (is CINCO_LOG_FORMAT=json?)',
        options,
      ),
  };
}

/**
 * Seeds the demo organisation (`$CINCO_BIN seed-demo`, from its built-in content) into a
 * fresh data dir, then spawns `$CINCO_BIN serve` with the same environment (serving its
 * built-in PWA) and waits for GET /health/ready → 200.
 *
 * The server's output is kept line by line (see `serverLog`): `waitForLog` and
 * `waitForDevMail` read it, e.g. for the mails the development mailbox logs whole (a
 * sign-up's mail belongs to no organisation yet, so only the log has its link).
 * @param {{ env?: Record<string, string> }} [options] extra environment for the server
 * @returns {Promise<{ url: string, port: number, dataDir: string, output: () => string, stop: () => Promise<void> } & ServerLog>}
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
  const lines = serverLog();
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', keep);
    stream.on('data', lines.splitter());
  }
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
      if (response.status === 200) {
        const { mark, waitForLog, waitForDevMail } = lines;
        return { url, port, dataDir, output: () => log, stop, mark, waitForLog, waitForDevMail };
      }
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
