#!/usr/bin/env node
// Benchmark: the zh-CN article page served by `next start` against the same
// HTML served by nginx as a static file, plus the gzip size of the JavaScript
// the page ships. Node built-ins only; needs `nginx` and `wrk` (apt).
//
//   npm run bench                     build, then measure (10 s per server)
//   npm run bench -- --no-build       measure the existing .next build
//   npm run bench -- --no-stack       skip the article through `npm run stack` (nginx cache + 2 instances)
//   npm run bench -- --no-lighthouse  skip Lighthouse (mobile, 3 runs) on the article through the stack
//   npm run bench -- --lighthouse-runs=5
//   npm run bench -- --duration=5     seconds of load per server (1..60)
//   npm run bench -- --path=/x        page to measure (default below)
//   npm run bench -- --server=http://127.0.0.1:3000
//                                     measure an already running server on
//                                     loopback instead of starting next start
//
// Everything runs on 127.0.0.1 and stops by itself. Writes
// bench/results/latest.json. Exits 0 when the measurement completed (even if a
// target fails: it is a report), non-zero on any error.

import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  createWriteStream,
  accessSync,
  constants as fsConstants,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import { measureHeaderCost } from './header-cost.mjs';
import { lighthouseTargets, measureLighthouse } from './lighthouse.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, 'bench', 'results', 'latest.json');

const DEFAULT_PATH = '/articles/how-ecommerce-operations-work';
const WRK_THREADS = 2;
const WRK_CONNECTIONS = 50;
// Node needs several seconds under load before V8 has optimised Next's request path
// (measured: the first seconds run 20-30% slower); a production server is warm.
const WARM_SECONDS = 5;
const TARGETS = {
  // next req/s must be at least this fraction of nginx's for the same bytes
  throughputRatioMin: 0.03,
  // the article through the stack (nginx cache in front of the app) against the static file
  stackThroughputRatioMin: 0.95,
  stackP99RatioMax: 1.5,
  // the article's req/s while 50 sign-ins/s are attempted, as a fraction of its req/s without them
  underSignInsRatioMin: 0.8,
  // gzip -9 size of the JavaScript the page loads, in KB (1 KB = 1000 bytes)
  jsGzipKbMax: 150,
  // gzip -9 size of the article's HTML, in KB (1 KB = 1000 bytes)
  htmlGzipKbMax: 15,
  // per-request cost of server.mjs's security headers (CSP lookup or nonce, the
  // others, the request id) as a share of the article's time per request, in %
  headerCostPercentMax: 5,
};

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const opts = { build: true, duration: 10, path: DEFAULT_PATH, server: null, stack: true, lighthouse: true, lighthouseRuns: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [key, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (key === '--no-build') opts.build = false;
    else if (key === '--no-stack') opts.stack = false;
    else if (key === '--no-lighthouse') opts.lighthouse = false;
    else if (key === '--lighthouse-runs') opts.lighthouseRuns = Number(value());
    else if (key === '--duration') opts.duration = Number(value());
    else if (key === '--path') opts.path = value();
    else if (key === '--server') opts.server = value();
    else if (key === '--help' || key === '-h') {
      console.log(
        'usage: node bench/run.mjs [--no-build] [--no-stack] [--no-lighthouse] [--lighthouse-runs=N] [--duration=SECONDS] [--path=/page] [--server=http://127.0.0.1:PORT]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(opts.duration) || opts.duration < 1 || opts.duration > 60) {
    throw new Error('--duration must be a whole number of seconds between 1 and 60');
  }
  if (!opts.path || !opts.path.startsWith('/')) throw new Error('--path must start with /');
  if (!Number.isInteger(opts.lighthouseRuns) || opts.lighthouseRuns < 1 || opts.lighthouseRuns > 9) {
    throw new Error('--lighthouse-runs must be a whole number between 1 and 9');
  }
  if (opts.server !== null) {
    // Load is only ever sent to this machine.
    const u = new URL(opts.server);
    if (u.protocol !== 'http:' || !/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(u.hostname)) {
      throw new Error('--server must be an http:// URL on the loopback interface');
    }
    opts.server = u.origin;
    opts.build = false;
    opts.stack = false;
  }
  return opts;
}

// ------------------------------------------------------- processes & cleanup
const cleanups = [];
let cleaning = null;
let interrupted = false;

/** Stop everything that was started, once; later callers wait for the same run. */
function cleanup() {
  cleaning ??= (async () => {
    activeWrk?.kill('SIGKILL');
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error(`cleanup: ${err.message}`);
      }
    }
  })();
  return cleaning;
}

// A bug in a timer callback (the sign-in flood) throws outside main()'s promise:
// still stop the servers, or an orphaned next keeps ./data locked for the next run.
process.on('uncaughtException', (err) => {
  console.error(`bench failed: ${err.stack ?? err.message}`);
  cleanup().finally(() => process.exit(1));
});

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${sig}: stopping servers`);
    cleanup().finally(() => process.exit(128 + (os.constants.signals[sig] ?? 1)));
  });
}

/** Spawn in its own process group so the whole tree can be killed at the end. */
function startGroup(cmd, args, { logFile, env, graceMs = 5000 } = {}) {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.on('error', (err) => {
    child.spawnError = err;
  });
  cleanups.push(() => stopGroup(child, graceMs));
  return child;
}

async function stopGroup(child, graceMs = 5000) {
  if (!child.pid) return;
  const kill = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* group already gone */
    }
  };
  if (child.exitCode !== null || child.signalCode !== null) return kill('SIGKILL'); // leftovers of the group
  kill('SIGTERM');
  const done = await Promise.race([child.exited.then(() => true), sleep(graceMs).then(() => false)]);
  kill('SIGKILL'); // also reaps any grandchild that outlived its parent
  if (!done) await Promise.race([child.exited, sleep(2000)]);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ------------------------------------------------------------------- tools
function findExecutable(name) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, fsConstants.X_OK);
      return file;
    } catch {
      /* keep looking */
    }
  }
  return null;
}

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], { stdio: 'inherit', env }).status === 0;
  if (install()) return true;
  // Package lists may be missing or stale on a fresh machine.
  spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  return install();
}

function ensureTools() {
  let nginx = findExecutable('nginx');
  let wrk = findExecutable('wrk');
  if (nginx && wrk) return { nginx, wrk };
  const missing = [!nginx && 'nginx', !wrk && 'wrk'].filter(Boolean);
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(`missing ${missing.join(' and ')}; install them first, e.g. sudo apt-get install nginx-light wrk`);
  }
  console.log(`installing ${missing.join(', ')} with apt-get`);
  const pkgs = [];
  if (!wrk) pkgs.push('wrk');
  if (!nginx) pkgs.push('nginx-light');
  if (!aptInstall(pkgs) && !nginx) aptInstall(['nginx', ...(wrk ? [] : ['wrk'])]);
  nginx = findExecutable('nginx');
  wrk = findExecutable('wrk');
  if (!nginx || !wrk) throw new Error(`could not install ${missing.join(' and ')} with apt-get`);
  return { nginx, wrk };
}

// -------------------------------------------------------------------- HTTP
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Plain GET with no Accept-Encoding (like wrk), so the body is the bytes the
 * server sends uncompressed. Does not follow redirects.
 */
function get(url, { timeoutMs = 15000, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${url}`)));
    req.on('error', reject);
  });
}

/** POST a form as a page of `origin` would, asking for JSON. */
function postForm(url, form, origin) {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { origin, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.setTimeout(60000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function waitUntilUp(url, child, name, logFile, timeoutMs = 90000) {
  const deadline = Date.now() + timeoutMs;
  let lastErr;
  while (Date.now() < deadline) {
    if (child.spawnError) throw new Error(`${name} could not start: ${child.spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited early (${child.exitCode ?? child.signalCode}); log:\n${tail(logFile)}`);
    }
    try {
      await get(url, { timeoutMs: 5000 });
      return;
    } catch (err) {
      lastErr = err;
      await sleep(250);
    }
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s (${lastErr?.message}); log:\n${tail(logFile)}`);
}

// --------------------------------------------------------------------- wrk
const TIME_UNITS_MS = { us: 0.001, ms: 1, s: 1000, m: 60000, h: 3600000 };

function toMs(text) {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new Error(`cannot parse wrk time "${text}"`);
  return Number(m[1]) * TIME_UNITS_MS[m[2]];
}

/** Parse `wrk --latency` output. Exported for the self-test. */
export function parseWrk(out) {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(out);
  const p50 = /^\s+50%\s+(\S+)/m.exec(out);
  const p99 = /^\s+99%\s+(\S+)/m.exec(out);
  const total = /^\s+(\d+) requests in ([\d.]+\w+),/m.exec(out);
  if (!rps || !p50 || !p99 || !total) throw new Error(`unexpected wrk output:\n${out}`);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  return {
    requestsPerSec: Number(rps[1]),
    p50Ms: toMs(p50[1]),
    p99Ms: toMs(p99[1]),
    requests: Number(total[1]),
    socketErrors: sock ? { connect: +sock[1], read: +sock[2], write: +sock[3], timeout: +sock[4] } : { connect: 0, read: 0, write: 0, timeout: 0 },
    non2xx3xx: non2xx ? Number(non2xx[1]) : 0,
  };
}

let activeWrk = null;
function runWrk(wrk, url, { threads, connections, seconds, headers = {}, timeoutSeconds }) {
  return new Promise((resolve, reject) => {
    const args = [
      `-t${threads}`,
      `-c${connections}`,
      `-d${seconds}s`,
      '--latency',
      // wrk's default of 2 s drops slower answers from the latencies (they count as timeouts).
      ...(timeoutSeconds ? ['--timeout', `${timeoutSeconds}s`] : []),
      ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
      url,
    ];
    const child = spawn(wrk, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    activeWrk = child;
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      out += c;
    });
    // wrk stops itself after -d; this guard only covers a hung wrk.
    const guard = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.on('error', (err) => {
      clearTimeout(guard);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      activeWrk = null;
      if (code !== 0) return reject(new Error(`wrk ${args.join(' ')} failed (${code ?? signal}):\n${out}`));
      resolve(out);
    });
  });
}

async function loadTest(name, wrk, url, seconds, { headers = {}, allowNon2xx = false } = {}) {
  console.log(`warming ${name} (${WARM_SECONDS} s)`);
  await runWrk(wrk, url, { threads: WRK_THREADS, connections: WRK_CONNECTIONS, seconds: WARM_SECONDS, headers });
  console.log(`wrk -t${WRK_THREADS} -c${WRK_CONNECTIONS} -d${seconds}s --latency ${url}`);
  const out = await runWrk(wrk, url, { threads: WRK_THREADS, connections: WRK_CONNECTIONS, seconds, headers });
  const r = parseWrk(out);
  const errors = Object.values(r.socketErrors).reduce((a, b) => a + b, 0);
  if (r.non2xx3xx > 0 && !allowNon2xx) throw new Error(`${name}: ${r.non2xx3xx} responses were not 2xx/3xx:\n${out}`);
  if (r.requests === 0) throw new Error(`${name}: wrk completed no request:\n${out}`);
  if (errors > 0) console.warn(`warning: ${name}: socket errors ${JSON.stringify(r.socketErrors)}`);
  return r;
}

// -------------------------------------------------------------- JavaScript
function attrs(tagSource) {
  const out = {};
  const re = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  let m;
  while ((m = re.exec(tagSource))) out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

const decodeEntities = (s) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The gzip -9 size of a page's HTML in bytes (Node's zlib at level 9, as tests/e2e/budgets.spec.ts counts it). */
export function htmlGzipBytes(body) {
  return gzipSync(body, { level: 9 }).length;
}

/**
 * Every script the page makes a module-capable browser load: <script src> that
 * is not nomodule, <link rel="modulepreload">, and <link rel="preload"
 * as="script"> (Next hints chunks it loads this way). Deduplicated, in order.
 */
export function scriptUrls(html) {
  const found = new Map();
  const add = (src, how) => {
    if (!src) return;
    const url = decodeEntities(src.trim());
    if (!found.has(url)) found.set(url, how);
  };
  for (const m of html.matchAll(/<script\b([^>]*)>/gi)) {
    const a = attrs(m[1]);
    if ('src' in a && !('nomodule' in a)) add(a.src, 'script');
  }
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const a = attrs(m[1]);
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('modulepreload')) add(a.href, 'modulepreload');
    else if (rel.includes('preload') && (a.as ?? '').toLowerCase() === 'script') add(a.href, 'preload');
  }
  return [...found].map(([url, how]) => ({ url, how }));
}

async function measureJs(html, pageUrl) {
  const files = [];
  for (const { url, how } of scriptUrls(html)) {
    const abs = new URL(url, pageUrl);
    if (abs.origin !== new URL(pageUrl).origin) {
      console.warn(`warning: skipping cross-origin script ${abs.href}`);
      continue;
    }
    const res = await get(abs.href);
    if (res.status !== 200) throw new Error(`script ${abs.pathname} answered ${res.status}`);
    if (res.headers['content-encoding']) throw new Error(`script ${abs.pathname} came encoded (${res.headers['content-encoding']})`);
    const gz = gzipSync(res.body, { level: 9, memLevel: 9, strategy: zlibConstants.Z_DEFAULT_STRATEGY }).length;
    files.push({ path: abs.pathname + abs.search, via: how, bytes: res.body.length, gzipBytes: gz });
  }
  return {
    files,
    count: files.length,
    rawBytes: files.reduce((a, f) => a + f.bytes, 0),
    gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
  };
}

// ------------------------------------------------------------ sign-in flood
const SIGN_INS_PER_SECOND = 50;

/**
 * Attempts SIGN_INS_PER_SECOND sign-ins a second against `origin` until stopped,
 * each as a different client (X-Forwarded-For, which the bench's server trusts
 * from loopback) with a wrong password for a random username, so no limit stops
 * them before the password check: the worst case for the hashing bound.
 */
function signInFlood(origin, { control = false } = {}) {
  // No socket limit: the server meets the real arrival rate (its own bound answers the excess as busy).
  const agent = new http.Agent({ keepAlive: true });
  const statuses = {};
  let sent = 0;
  let n = 0;
  const fire = () => {
    n++;
    const body = `username=flood${n % 100000}&password=wrong+password+${n}`;
    // The control: the same generator at the same rate asking for a small static
    // file, which tells what the extra connections and the generator itself cost on
    // this small machine apart from what the sign-ins cost.
    const req = http.request(
      control ? `${origin}/robots.txt` : `${origin}/api/auth/sign-in`,
      {
        method: control ? 'GET' : 'POST',
        agent,
        headers: control
          ? {}
          : {
              origin,
              accept: 'application/json',
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': Buffer.byteLength(body),
              'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
            },
      },
      (res) => {
        res.resume();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      },
    );
    req.on('error', () => {
      statuses.error = (statuses.error ?? 0) + 1;
    });
    req.end(control ? undefined : body);
    sent++;
  };
  const timer = setInterval(fire, 1000 / SIGN_INS_PER_SECOND);
  const started = Date.now();
  return {
    stop() {
      clearInterval(timer);
      agent.destroy();
      return { sent, perSecond: sent / ((Date.now() - started) / 1000), statuses };
    },
  };
}

// ------------------------------------------------------------------- stack
/**
 * `npm run stack` on free ports (one nginx worker, like the static server), its
 * folder in the project (nginx's workers run as www-data when started as root and
 * cannot enter a mktemp folder), on a database of its own. Measures the article
 * through it, then stops both app instances (SIGUSR1) and asks for it again.
 */
async function measureStack({ wrk, buildEnv, path: pagePath, duration, staticBytes, lighthouseRuns }) {
  const { ensureDatabase } = await import('../deploy/database.mjs');
  const databaseUrl = await ensureDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, name: 'niaoge_bench' });
  const port = await freePort();
  const stackDir = path.join(ROOT, `.stack-bench-${port}`);
  cleanups.push(() => rmSync(stackDir, { recursive: true, force: true }));
  const logFile = path.join(ROOT, `.stack-bench-${port}.log`);
  cleanups.push(() => rmSync(logFile, { force: true }));
  console.log(`starting the stack on 127.0.0.1:${port} (app instances on ${port + 1}, ${port + 2})`);
  const stack = startGroup(process.execPath, ['deploy/stack.mjs'], {
    logFile,
    graceMs: 20000,
    // The bench signs up one reader a run on a database it keeps: no per-address limit in the way.
    env: {
      ...buildEnv,
      STACK_PORT: String(port),
      STACK_DIR: stackDir,
      STACK_NGINX_WORKERS: '1',
      DATABASE_URL: databaseUrl,
      SIGN_UPS_PER_ADDRESS_HOUR: '1000000',
      SIGN_UPS_PER_ADDRESS_DAY: '1000000',
      // The redemption bench is 50 clients on one address: nginx's per-address limit
      // on mutations would measure itself.
      STACK_MUTATION_RATE: '100000r/s',
      STACK_MUTATION_BURST: '100000',
    },
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${origin}/robots.txt`, stack, 'stack', logFile, 300000);
  const url = `${origin}${pagePath}`;
  const first = await get(url);
  if (first.status !== 200) throw new Error(`stack: ${pagePath} answered ${first.status}`);
  if (!first.body.equals(staticBytes)) console.warn('warning: the stack sent other bytes than the static file');

  // Lighthouse first, while nothing else loads the machine (its CPU timings are
  // measured, then multiplied by 4): the page as a phone on slow 4G gets it from the
  // cache, compressed by nginx.
  let lighthouse = null;
  if (lighthouseRuns) {
    console.log(`lighthouse (mobile, ${lighthouseRuns} runs) on ${url}`);
    lighthouse = await measureLighthouse(url, { runs: lighthouseRuns, track: trackCleanup });
  }

  const article = await loadTest('stack', wrk, url, duration);

  // A signed-in reader's state through the stack, against the same queries done with pg alone.
  const signUp = await postForm(
    `${origin}/api/auth/sign-up`,
    { username: `bench_${Date.now().toString(36)}`, password: 'correct horse 1', consent: 'on' },
    origin,
  );
  const token = /(?:^|;\s*)session=([^;]+)/.exec((signUp.headers['set-cookie'] ?? []).join('; '))?.[1];
  if (signUp.status !== 200 || !token) throw new Error(`stack: sign-up answered ${signUp.status}`);
  const stateUrl = `${origin}/api/reader-state?article=${encodeURIComponent(pagePath.split('/').pop())}`;
  const readerState = await loadTest('stack reader-state', wrk, stateUrl, duration, { headers: { cookie: `session=${token}` }, allowNon2xx: true });
  console.log(`raw pg, the same queries (${duration} s, ${WRK_CONNECTIONS} at once)`);
  const { measureRedemptions, readGifts, seedRedeemers } = await import('./redeem.mjs');
  const giftIds = readGifts(ROOT)
    .map((g) => g.id)
    .join(',');
  const raw = spawnSync(
    process.execPath,
    ['bench/raw-reader-state.mjs', databaseUrl, token, pagePath.split('/').pop(), String(duration), String(WRK_CONNECTIONS), giftIds],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (raw.status !== 0) throw new Error(`bench/raw-reader-state.mjs failed:\n${raw.stderr}`);
  const rawReaderState = JSON.parse(raw.stdout.trim().split('\n').pop());

  // Gift redemptions: through the stack and with pg alone, rounds that each empty the stock.
  console.log(`gift redemptions (${WRK_CONNECTIONS} at once), through the stack and with pg alone`);
  const tokens = await seedRedeemers(origin, databaseUrl, WRK_CONNECTIONS);
  const redemptions = await measureRedemptions({ origin, databaseUrl, tokens, gifts: readGifts(ROOT), connections: WRK_CONNECTIONS, root: ROOT });
  console.log(
    `redemptions: stack ${redemptions.stack.requestsPerSec.toFixed(0)}/s p99 ${redemptions.stack.p99Ms.toFixed(1)} ms; raw pg ${redemptions.raw.requestsPerSec.toFixed(0)}/s p99 ${redemptions.raw.p99Ms.toFixed(1)} ms`,
  );

  // Outage drill: both instances down, the cache keeps answering.
  process.kill(stack.pid, 'SIGUSR1');
  const down = async (p) =>
    get(`http://127.0.0.1:${p}/robots.txt`, { timeoutMs: 2000 }).then(
      () => false,
      () => true,
    );
  // Refusing new connections is not enough: an instance draining still answers on
  // nginx's kept-alive upstream connections, so wait for the stack to say both exited.
  const stopped = () => readFileSync(logFile, 'utf8').includes('app instances stopped');
  const deadline = Date.now() + 30000;
  while (!((await down(port + 1)) && (await down(port + 2)) && stopped())) {
    if (Date.now() > deadline) throw new Error('stack: the app instances did not stop on SIGUSR1');
    await sleep(250);
  }
  const during = await get(url);
  const personal = await get(`${origin}/api/reader-state`);
  const outage = {
    status: during.status,
    cache: during.headers['x-cache-status'] ?? null,
    sameBytes: during.body.equals(staticBytes),
    readerStateStatus: personal.status,
  };
  console.log(`both app instances stopped: article ${outage.status} (${outage.cache}), /api/reader-state ${outage.readerStateStatus}`);
  return { article, readerState, rawReaderState, redemptions, outage, lighthouse };
}

/** Registers `stop` to run on cleanup; returns a function that takes it back. */
function trackCleanup(stop) {
  cleanups.push(stop);
  return () => {
    const i = cleanups.indexOf(stop);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

function chromePath() {
  const file = process.env.CHROME_PATH || '/usr/bin/chromium';
  try {
    accessSync(file, fsConstants.X_OK);
  } catch {
    throw new Error(`no browser at ${file} for Lighthouse: install chromium (Debian) or set CHROME_PATH, or pass --no-lighthouse`);
  }
  return file;
}

// ------------------------------------------------------------------- nginx
function nginxConf({ dir, www, port }) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return `# generated by bench/run.mjs
${isRoot ? 'user root;\n' : ''}daemon off;
master_process on;
worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/client_body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  default_type text/html;
  charset utf-8;
  gzip off;
  sendfile on;
  tcp_nopush on;
  # Node keeps a connection for any number of requests; do not make nginx reconnect every 1000.
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port};
    root ${www};
    # Every path answers with the saved page, so nginx and next get the same URL.
    location / { try_files /index.html =404; }
  }
}
`;
}

// ------------------------------------------------------------------ report
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

function gitCommit() {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) return null;
  const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' });
  return { sha: r.stdout.trim(), dirty: dirty.status === 0 ? dirty.stdout.trim().length > 0 : null };
}

function printTable(rs) {
  const rows = [
    ['', 'req/s', 'p50 ms', 'p99 ms'],
    ['nginx (static file)', fmt(rs.nginx.requestsPerSec, 0), fmt(rs.nginx.p50Ms, 2), fmt(rs.nginx.p99Ms, 2)],
    ['next start', fmt(rs.next.requestsPerSec, 0), fmt(rs.next.p50Ms, 2), fmt(rs.next.p99Ms, 2)],
    ['ratio next/nginx', fmt(rs.ratios.throughput, 3), fmt(rs.ratios.p50Latency, 1), fmt(rs.ratios.p99Latency, 1)],
    ...(rs.stack
      ? [
          ['stack (nginx cache + 2 apps)', fmt(rs.stack.article.requestsPerSec, 0), fmt(rs.stack.article.p50Ms, 2), fmt(rs.stack.article.p99Ms, 2)],
          ['ratio stack/nginx', fmt(rs.ratios.stackThroughput, 3), fmt(rs.stack.article.p50Ms / rs.nginx.p50Ms, 2), fmt(rs.ratios.stackP99Latency, 2)],
          ['reader-state via stack', fmt(rs.stack.readerState.requestsPerSec, 0), fmt(rs.stack.readerState.p50Ms, 2), fmt(rs.stack.readerState.p99Ms, 2)],
          [
            'same queries, pg alone',
            fmt(rs.stack.rawReaderState.requestsPerSec, 0),
            fmt(rs.stack.rawReaderState.p50Ms, 2),
            fmt(rs.stack.rawReaderState.p99Ms, 2),
          ],
          [
            'redemptions via stack',
            fmt(rs.stack.redemptions.stack.requestsPerSec, 0),
            fmt(rs.stack.redemptions.stack.p50Ms, 2),
            fmt(rs.stack.redemptions.stack.p99Ms, 2),
          ],
          [
            'same transaction, pg alone',
            fmt(rs.stack.redemptions.raw.requestsPerSec, 0),
            fmt(rs.stack.redemptions.raw.p50Ms, 2),
            fmt(rs.stack.redemptions.raw.p99Ms, 2),
          ],
        ]
      : []),
    ...(rs.nextUnderSignIns
      ? [
          [
            'next, 50 static req/s',
            fmt(rs.nextUnderStaticRequests.requestsPerSec, 0),
            fmt(rs.nextUnderStaticRequests.p50Ms, 2),
            fmt(rs.nextUnderStaticRequests.p99Ms, 2),
          ],
          ['next, 50 sign-ins/s', fmt(rs.nextUnderSignIns.requestsPerSec, 0), fmt(rs.nextUnderSignIns.p50Ms, 2), fmt(rs.nextUnderSignIns.p99Ms, 2)],
        ]
      : []),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ');
  console.log('\n' + line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('   '));
  for (const r of rows.slice(1)) console.log(line(r));
  if (rs.nextUnderSignIns)
    console.log(
      `\nsign-in attempts: ${rs.nextUnderSignIns.signIns.sent} (${fmt(rs.nextUnderSignIns.signIns.perSecond, 1)}/s), answers ${JSON.stringify(rs.nextUnderSignIns.signIns.statuses)}`,
    );
  const hc = rs.headerCost;
  console.log(
    `\nSecurity headers: ${fmt(hc.nsPerRequest / 1000, 1)} µs of work per request = ${fmt(hc.percentOfRequest, 2)}% of the article's ${fmt(1000 / rs.next.requestsPerSec, 2)} ms per request`,
  );
  if (hc.endToEnd) {
    const e = hc.endToEnd;
    console.log(
      `  end to end: on ${fmt(e.runs.on, 0)} / off ${fmt(e.runs.off, 0)} / on ${fmt(e.runs.onAgain, 0)} req/s, on/off ${fmt(e.onVsOff, 3)} (one run each: within this machine's ±15% noise)`,
    );
  }
  const lh = rs.lighthouse;
  if (lh) {
    const m = lh.median;
    console.log(
      `\nLighthouse ${lh.lighthouseVersion}, mobile, median of ${lh.runCount}: ${Object.values(m.scores).join(' / ')} (performance / accessibility / best practices / SEO)`,
    );
    console.log(
      `  FCP ${m.fcpMs} ms, LCP ${m.lcpMs} ms, TBT ${m.tbtMs} ms, Speed Index ${m.speedIndexMs} ms, CLS ${m.cls} (unthrottled load: FCP ${m.observed.fcpMs} ms, LCP ${m.observed.lcpMs} ms)`,
    );
    if (lh.lcpElement) console.log(`  LCP element: ${lh.lcpElement.selector} ${lh.lcpElement.snippet} "${(lh.lcpElement.nodeLabel ?? '').slice(0, 30)}…"`);
    if (lh.lcpBreakdownMs) {
      const b = lh.lcpBreakdownMs;
      console.log(
        `  LCP breakdown (unthrottled trace): TTFB ${b.ttfb} ms, load delay ${b.loadDelay} ms, load time ${b.loadTime} ms, render delay ${b.renderDelay} ms`,
      );
    }
  }
  const js = rs.javascript;
  console.log(`\nJavaScript: ${js.count} files, ${fmt(js.gzipKB, 1)} KB gzip -9 (${fmt(js.rawBytes / 1000, 1)} KB raw; 1 KB = 1000 bytes)`);
  const im = rs.images;
  console.log(
    `Images: ${im.images} in the content, originals ${im.originalBytes} bytes; all copies served ${im.servedBytes} bytes; ` +
      `a 375 px phone at 2× downloads ${im.phoneBytes} bytes (${fmt((100 * im.phoneBytes) / (im.originalBytes || 1), 0)}% of the originals)`,
  );
  console.log(`Build: ${rs.buildSeconds === null ? 'current, not rebuilt (run after a change to time it)' : `${rs.buildSeconds} s`}`);
  console.log(
    `HTML body: nginx ${rs.html.nginxBytes} bytes, next ${rs.html.nextBytes} bytes${rs.html.sameLength ? ' (same length)' : ' (DIFFERENT length)'}, ${fmt(rs.html.gzipBytes / 1000, 1)} KB gzip -9`,
  );
  console.log('\nTargets:');
  for (const t of rs.targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.actual} (${t.rule})`);
}

/**
 * The article images' bytes (npm run images --json): the editors' originals, every
 * copy the build serves, and what a phone 375 px wide at 2× downloads of them.
 * @param {NodeJS.ProcessEnv} env
 */
function imageBytes(env) {
  const r = spawnSync('npx', ['tsx', 'lib/cli/emit-images.ts', '--json'], { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run images failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

// -------------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { nginx, wrk } = ensureTools();
  const lighthouseRuns = opts.stack && opts.lighthouse ? opts.lighthouseRuns : 0;
  if (lighthouseRuns) process.env.CHROME_PATH = chromePath();

  // The build the stack reuses too (same SITE_URL, so its build check finds it current).
  const buildEnv = { ...process.env, SITE_URL: process.env.SITE_URL || 'http://127.0.0.1:3000' };
  // The build's wall time, when this run built (null: the build was current).
  let buildSeconds = null;
  if (opts.build) {
    const { buildIfNeeded } = await import('../scripts/build-if-needed.mjs');
    const started = performance.now();
    if (buildIfNeeded({ env: buildEnv })) buildSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  }
  const images = imageBytes(buildEnv);
  if (!opts.server && !existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    throw new Error('no production build (.next/BUILD_ID missing): run without --no-build, or npm run build first');
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const www = path.join(dir, 'www');
  mkdirSync(www);
  mkdirSync(path.join(dir, 'tmp'));

  // --- next (or the server given with --server)
  let nextOrigin = opts.server;
  if (!nextOrigin) {
    const nextPort = await freePort();
    const nextLog = path.join(dir, 'next.log');
    console.log(`starting next on 127.0.0.1:${nextPort}`);
    // Exactly what `npm start` serves with (`npm run serve`: next start plus its Node flags).
    const next = startGroup('npm', ['run', '--silent', 'serve'], {
      logFile: nextLog,
      // TRUST_PROXY: the sign-in flood plays many clients through X-Forwarded-For, as behind nginx.
      env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', HOSTNAME: '127.0.0.1', PORT: String(nextPort), TRUST_PROXY: 'loopback' },
    });
    nextOrigin = `http://127.0.0.1:${nextPort}`;
    await waitUntilUp(`${nextOrigin}/`, next, 'next', nextLog);
  }
  const nextUrl = `${nextOrigin}${opts.path}`;

  const page = await get(nextUrl);
  if (page.status !== 200) {
    throw new Error(`${opts.path} answered ${page.status}${page.headers.location ? ` -> ${page.headers.location}` : ''}, expected 200`);
  }
  if (page.headers['content-encoding']) throw new Error(`next sent ${page.headers['content-encoding']} without Accept-Encoding`);
  const html = page.body.toString('utf8');
  writeFileSync(path.join(www, 'index.html'), page.body);

  // --- nginx
  const nginxPort = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConf({ dir, www, port: nginxPort }));
  const nginxLog = path.join(dir, 'nginx.out');
  console.log(`starting nginx on 127.0.0.1:${nginxPort}`);
  const ngx = startGroup(nginx, ['-e', path.join(dir, 'error.log'), '-p', dir, '-c', conf], { logFile: nginxLog });
  const nginxUrl = `http://127.0.0.1:${nginxPort}${opts.path}`;
  await waitUntilUp(nginxUrl, ngx, 'nginx', path.join(dir, 'error.log'));

  // Same bytes from both? (Next may render per request; the length should still match.)
  const fromNginx = await get(nginxUrl);
  const fromNext = await get(nextUrl);
  if (fromNginx.status !== 200 || fromNext.status !== 200) {
    throw new Error(`status check: nginx ${fromNginx.status}, next ${fromNext.status}`);
  }
  const htmlCheck = {
    // the page as Next sent it, gzip -9 (the count tests/e2e/budgets.spec.ts keeps)
    gzipBytes: htmlGzipBytes(page.body),
    nginxBytes: fromNginx.body.length,
    nextBytes: fromNext.body.length,
    sameLength: fromNginx.body.length === fromNext.body.length,
    identical: fromNginx.body.equals(fromNext.body),
  };
  if (!htmlCheck.sameLength) console.warn('warning: nginx and next sent bodies of different length; the comparison is less fair');

  // --- load (one server at a time; they share 2 cores with wrk)
  const ngxResult = await loadTest('nginx', wrk, nginxUrl, opts.duration);
  const nextResult = await loadTest('next', wrk, nextUrl, opts.duration);

  // --- what the security headers cost (not with --server: it needs a second server)
  // End to end: the same build with SECURITY_HEADERS=off, measured between two runs
  // of the normal server, so drift on this shared machine falls on both sides. Its
  // database is in memory, beside the first server's ./data.
  let headersOff = null;
  let headersOnAgain = null;
  if (!opts.server) {
    const offPort = await freePort();
    const offLog = path.join(dir, 'next-headers-off.log');
    const off = startGroup('npm', ['run', '--silent', 'serve'], {
      logFile: offLog,
      env: {
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        HOSTNAME: '127.0.0.1',
        PORT: String(offPort),
        SECURITY_HEADERS: 'off',
        PGLITE_DIR: 'memory://',
      },
    });
    const offUrl = `http://127.0.0.1:${offPort}${opts.path}`;
    await waitUntilUp(offUrl, off, 'next (headers off)', offLog);
    headersOff = await loadTest('next, SECURITY_HEADERS=off', wrk, offUrl, opts.duration);
    await stopGroup(off);
    headersOnAgain = await loadTest('next (again)', wrk, nextUrl, opts.duration);
  }
  // In isolation: the header work alone, in nanoseconds, against the article's time per request.
  const headerWork = measureHeaderCost(opts.path, { distDir: path.join(ROOT, process.env.NEXT_DIST_DIR || '.next') });
  const headerCost = {
    nsPerRequest: headerWork.nsPerRequest,
    percentOfRequest: (headerWork.nsPerRequest / (1e9 / nextResult.requestsPerSec)) * 100,
    endToEnd: headersOff
      ? {
          onRequestsPerSec: (nextResult.requestsPerSec + headersOnAgain.requestsPerSec) / 2,
          offRequestsPerSec: headersOff.requestsPerSec,
          onVsOff: (nextResult.requestsPerSec + headersOnAgain.requestsPerSec) / 2 / headersOff.requestsPerSec,
          runs: { on: nextResult.requestsPerSec, off: headersOff.requestsPerSec, onAgain: headersOnAgain.requestsPerSec },
        }
      : null,
  };

  // --- JavaScript
  const js = await measureJs(html, nextUrl);
  const jsGzipKB = js.gzipBytes / 1000;
  // The article again, while sign-ins are being attempted (without --server only: it needs TRUST_PROXY).
  let underSignIns = null;
  let underControl = null;
  const underFlood = async (name, control) => {
    console.log(`article under ${SIGN_INS_PER_SECOND} ${name}/s`);
    const flood = signInFlood(nextOrigin, { control });
    let article;
    let sent;
    try {
      await sleep(2000); // let the hashing queue fill
      article = await loadTest(`next under ${name}`, wrk, nextUrl, opts.duration);
    } finally {
      sent = flood.stop();
    }
    return { ...article, signIns: sent };
  };
  if (!opts.server) {
    underControl = await underFlood('static requests', true);
    underSignIns = await underFlood('sign-in attempts', false);
  }

  // --- the article through the stack: nginx's cache in front of two instances
  const stack = opts.stack
    ? await measureStack({ wrk, buildEnv, path: opts.path, duration: opts.duration, staticBytes: fromNginx.body, lighthouseRuns })
    : null;

  const ratios = {
    throughput: nextResult.requestsPerSec / ngxResult.requestsPerSec,
    p50Latency: nextResult.p50Ms / ngxResult.p50Ms,
    p99Latency: nextResult.p99Ms / ngxResult.p99Ms,
  };
  if (stack) {
    ratios.stackThroughput = stack.article.requestsPerSec / ngxResult.requestsPerSec;
    ratios.stackP99Latency = stack.article.p99Ms / ngxResult.p99Ms;
    ratios.readerStateVsRawPg = stack.readerState.requestsPerSec / stack.rawReaderState.requestsPerSec;
    ratios.redemptionVsRawPg = stack.redemptions.stack.requestsPerSec / stack.redemptions.raw.requestsPerSec;
  }
  if (underSignIns) {
    ratios.underSignIns = underSignIns.requestsPerSec / nextResult.requestsPerSec;
    ratios.underSignInsVsControl = underSignIns.requestsPerSec / underControl.requestsPerSec;
  }
  const targets = [
    {
      name: 'throughput ratio next/nginx',
      rule: `>= ${TARGETS.throughputRatioMin}`,
      actual: Number(ratios.throughput.toFixed(4)),
      pass: ratios.throughput >= TARGETS.throughputRatioMin,
    },
    ...(underSignIns
      ? [
          {
            name: `article throughput under ${SIGN_INS_PER_SECOND} sign-ins/s vs under ${SIGN_INS_PER_SECOND} static requests/s`,
            rule: `>= ${TARGETS.underSignInsRatioMin}`,
            actual: Number(ratios.underSignInsVsControl.toFixed(3)),
            pass: ratios.underSignInsVsControl >= TARGETS.underSignInsRatioMin,
          },
          {
            name: `article throughput under ${SIGN_INS_PER_SECOND} sign-ins/s vs nothing else (reported; the generator shares the 2 cores)`,
            rule: `>= ${TARGETS.underSignInsRatioMin}`,
            actual: Number(ratios.underSignIns.toFixed(3)),
            pass: ratios.underSignIns >= TARGETS.underSignInsRatioMin,
          },
        ]
      : []),
    ...(stack
      ? [
          {
            name: 'throughput ratio stack/nginx (article from the nginx cache in front of two instances, against the static file)',
            rule: `>= ${TARGETS.stackThroughputRatioMin}`,
            actual: Number(ratios.stackThroughput.toFixed(3)),
            pass: ratios.stackThroughput >= TARGETS.stackThroughputRatioMin,
          },
          {
            name: 'p99 latency ratio stack/nginx',
            rule: `<= ${TARGETS.stackP99RatioMax}`,
            actual: Number(ratios.stackP99Latency.toFixed(2)),
            pass: ratios.stackP99Latency <= TARGETS.stackP99RatioMax,
          },
          {
            name: `signed-in reader-state through the stack vs the same queries with pg alone (${WRK_CONNECTIONS} at once)`,
            rule: '>= 0.5',
            actual: Number(ratios.readerStateVsRawPg.toFixed(3)),
            pass: ratios.readerStateVsRawPg >= 0.5 && stack.readerState.non2xx3xx === 0,
          },
          {
            name: `gift redemptions through the stack vs the same transaction with pg alone (${WRK_CONNECTIONS} at once)`,
            rule: '>= 0.5',
            actual: Number(ratios.redemptionVsRawPg.toFixed(3)),
            pass: ratios.redemptionVsRawPg >= 0.5,
          },
          {
            name: 'article with both app instances stopped',
            rule: '200 from the cache',
            actual: `${stack.outage.status} ${stack.outage.cache ?? ''}`.trim(),
            pass: stack.outage.status === 200,
          },
          ...(stack.lighthouse ? lighthouseTargets(stack.lighthouse) : []),
        ]
      : []),
    {
      name: "security headers: per-request work as a share of the article's time per request (%)",
      rule: `<= ${TARGETS.headerCostPercentMax}`,
      actual: Number(headerCost.percentOfRequest.toFixed(2)),
      pass: headerCost.percentOfRequest <= TARGETS.headerCostPercentMax,
    },
    {
      name: 'HTML gzip KB',
      rule: `<= ${TARGETS.htmlGzipKbMax} (1 KB = 1000 bytes)`,
      actual: Number((htmlCheck.gzipBytes / 1000).toFixed(1)),
      pass: htmlCheck.gzipBytes <= TARGETS.htmlGzipKbMax * 1000,
    },
    {
      name: 'JavaScript gzip KB',
      rule: `<= ${TARGETS.jsGzipKbMax} (1 KB = 1000 bytes)`,
      actual: Number(jsGzipKB.toFixed(1)),
      pass: jsGzipKB <= TARGETS.jsGzipKbMax,
    },
  ];

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}, ${os.cpus().length} cpus`,
    git: gitCommit(),
    page: opts.path,
    server: opts.server ? `--server ${opts.server}` : 'next start',
    wrk: {
      threads: WRK_THREADS,
      connections: WRK_CONNECTIONS,
      durationSeconds: opts.duration,
      warmupSeconds: WARM_SECONDS,
      command: `wrk -t${WRK_THREADS} -c${WRK_CONNECTIONS} -d${opts.duration}s --latency <url>`,
    },
    nginx: { workerProcesses: 1, ...ngxResult },
    next: nextResult,
    stack: stack && { nginxWorkerProcesses: 1, instances: 2, ...stack, lighthouse: undefined },
    // Lighthouse on the article through the stack (bench/lighthouse.mjs): medians, every run, the LCP element.
    lighthouse: stack?.lighthouse ?? null,
    headerCost,
    nextUnderStaticRequests: underControl,
    nextUnderSignIns: underSignIns,
    ratios,
    html: htmlCheck,
    javascript: { ...js, gzipKB: jsGzipKB, kbIs: '1000 bytes', gzipLevel: 9 },
    buildSeconds,
    images,
    targets,
    allTargetsPass: targets.every((t) => t.pass),
  };

  printTable(results);
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(`${RESULTS}.tmp`, JSON.stringify(results, null, 2) + '\n');
  renameSync(`${RESULTS}.tmp`, RESULTS);
  console.log(`\nwrote ${path.relative(ROOT, RESULTS)}`);
}

// Run only when executed directly (the helpers above can be imported for testing).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main()
    .then(async () => {
      await cleanup();
      process.exit(0);
    })
    .catch(async (err) => {
      if (interrupted) return; // the signal handler cleans up and exits
      console.error(`bench failed: ${err.message}`);
      await cleanup();
      process.exit(1);
    });
}

export { cleanup, ensureTools, freePort, get, imageBytes, nginxConf, postForm, runWrk, startGroup, toMs, waitUntilUp };
