import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { acquireFolderLock } from '../../lib/db/folder-lock';
import { SLUG } from './helpers';
import { query } from './support/database';
import { testPort } from './support/ports';
import { PASSWORD, admin, post, unique } from './support/readers';
import { startServer } from './support/server';

// Operations: what the server writes to its logs (and never writes), its health
// endpoints, the headers only a trusted proxy can turn on, and a graceful stop.

// Each test starts servers of its own, on a shared and often loaded machine.
test.describe.configure({ timeout: 180_000 });

const DB = () => process.env.E2E_DATABASE_URL!;
const GIFT = 'xinstall-15-day-membership'; // 20 feathers

test('the logs have a line per failed request and per state change, and none of the secrets', async ({ playwright }) => {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-logs-'));
  const logFile = join(dir, 'app.jsonl');
  const output = join(dir, 'output.txt');
  // Behind a "proxy" on loopback: its X-Request-Id and X-Forwarded-Proto are believed.
  const server = await startServer(testPort(3220), { DATABASE_URL: DB(), LOG_FILE: logFile, TRUST_PROXY: 'loopback' }, { output });
  const request = await playwright.request.newContext();
  try {
    const name = unique('logs');
    const up = await post(request, server.origin, '/api/auth/sign-up', { consent: 'on', username: name, password: PASSWORD });
    expect(up.status()).toBe(200);
    const wrong = await post(request, server.origin, '/api/auth/sign-in', { username: name, password: `${PASSWORD} but wrong` });
    expect(wrong.status()).toBe(401);
    const signIn = await post(request, server.origin, '/api/auth/sign-in', { username: name, password: PASSWORD }, { 'x-request-id': 'proxy-request-0001' });
    expect(signIn.status()).toBe(200);
    expect(signIn.headers()['x-request-id']).toBe('proxy-request-0001');
    const session = (await request.storageState()).cookies.find((c) => c.name === 'session')!.value;
    expect(session.length).toBeGreaterThan(20);
    const device = (await request.storageState()).cookies.find((c) => c.name === 'device')!.value;

    await admin('grant-feathers', name, '20', '--reason', 'e2e');
    const key = randomUUID();
    const redeemed = await post(request, server.origin, `/api/gifts/${GIFT}/redeem`, { key });
    expect(redeemed.status()).toBe(200);
    const code: string = (await redeemed.json()).redemption.code;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const [[account, hash]] = query(DB(), `select id, password_hash from accounts where username = '${name}'`) as [[string, string]];
    // A failed request carrying a cookie, and a state change refused.
    expect((await request.get(`${server.origin}/no-such-page?token=${session}`)).status()).toBe(404);
    expect((await post(request, server.origin, `/api/gifts/${GIFT}/redeem`, { key: randomUUID() })).status()).toBe(409);

    // https only when a trusted proxy says so.
    const viaHttps = await request.get(`${server.origin}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaHttps.headers()['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect((await request.get(`${server.origin}/`)).headers()['strict-transport-security']).toBeUndefined();

    const log = readFileSync(logFile, 'utf8');
    const everything = `${log}\n${readFileSync(output, 'utf8')}`;
    const lines = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // What must be there (so the test can tell a silent logger from a careful one).
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'state change', route: `/api/gifts/${GIFT}/redeem`, outcome: 'ok', account: Number(account) }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'state change', route: `/api/gifts/${GIFT}/redeem`, outcome: 'feathers_short', status: 409 }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'state change', route: '/api/auth/sign-in', outcome: 'invalid_credentials', status: 401 }));
    expect(lines).toContainEqual(expect.objectContaining({ route: '/api/auth/sign-in', outcome: 'ok', reqId: 'proxy-request-0001' }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request refused', path: '/no-such-page', status: 404 }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request refused', path: '/api/auth/sign-in', status: 401 }));
    // What must not.
    for (const [what, secret] of Object.entries({ password: PASSWORD, session, device, code, key, hash })) {
      expect(everything.includes(secret), `the logs contain the ${what}`).toBe(false);
    }
    expect(everything.includes(hash.split('$').pop()!), 'the logs contain the password hash').toBe(false);
  } finally {
    await request.dispose();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('/healthz and /readyz answer 200, uncached, while the database is up', async ({ request }) => {
  for (const path of ['/healthz', '/readyz']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['cache-control'], path).toBe('no-store');
    expect(await response.json(), path).toEqual({ ok: true });
  }
});

/** Sends a request's head and half its body now; `finish()` sends the rest and resolves with the response. */
// Opens a PGlite folder with PostgreSQL's start-up messages on, and closes it.
const PGLITE_OPEN = `
import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create(process.argv[1], { debug: 1 });
await db.close();
`;

function slowPost(origin: string, path: string, body: string) {
  const req = http.request(new URL(path, origin), {
    method: 'POST',
    agent: false,
    headers: { origin, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return {
    finish: () => {
      req.end(body.slice(half));
      return response;
    },
  };
}

test('SIGTERM: a request in flight is answered, new connections are refused, PGlite closes cleanly', async ({ playwright }) => {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-shutdown-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'app.jsonl');
  const port = testPort(3221);
  let server = await startServer(port, { DATABASE_URL: '', PGLITE_DIR: data, LOG_FILE: logFile }, { direct: true });
  const request = await playwright.request.newContext();
  try {
    // Opens the database (the first reader-state request does).
    expect((await request.get(`${server.origin}/readyz`)).status()).toBe(200);
    await expect(acquireFolderLock(data)).rejects.toThrow(`in use by process ${server.pid}`);

    // A favourite by a signed-out reader: read the form, ask the database, answer 401.
    const inFlight = slowPost(server.origin, `/api/articles/${SLUG}/favourite`, `intent=add&next=${encodeURIComponent('/articles/' + SLUG)}`);
    await new Promise((r) => setTimeout(r, 500));
    process.kill(server.pid, 'SIGTERM');
    await expect.poll(() => readFileSync(logFile, 'utf8')).toContain('shutting down');
    // No new connections once the stop is asked. (A fresh connection: keep-alive ones
    // opened before the signal may carry one last request, see server/shutdown.mjs.)
    await expect(new Promise((resolve, reject) => http.get(`${server.origin}/healthz`, { agent: false }, resolve).on('error', reject))).rejects.toThrow(
      /ECONNREFUSED/,
    );

    const answered = await inFlight.finish();
    expect(answered.status).toBe(401);
    expect(JSON.parse(answered.body)).toMatchObject({ ok: false, code: 'sign_in_required' });
    expect(answered.headers.connection).toBe('close');

    expect(await server.exited).toBe(0);
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('shut down cleanly');
    // The folder lock is released: another process may take it at once.
    (await acquireFolderLock(data))();

    // PostgreSQL inside PGlite says how it was stopped when the folder is opened again:
    // "was shut down" after a clean close, "not properly shut down; automatic recovery"
    // after a crash (seen with kill -9).
    const opened = spawnSync(process.execPath, ['--input-type=module', '-e', PGLITE_OPEN, data], { encoding: 'utf8' });
    expect(opened.status).toBe(0);
    const reopened = `${opened.stdout}${opened.stderr}`;
    expect(reopened).toContain('database system was shut down');
    expect(reopened).not.toMatch(/not properly shut down|interrupted|recovery/);

    // The server starts on it again, and SIGINT (Ctrl-C) stops it as cleanly.
    server = await startServer(port, { DATABASE_URL: '', PGLITE_DIR: data, LOG_FILE: logFile }, { direct: true });
    expect((await request.get(`${server.origin}/readyz`)).status()).toBe(200);
    await server.stop('SIGINT');
    expect(await server.exited).toBe(0);
    (await acquireFolderLock(data))();
  } finally {
    await request.dispose();
    await server.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
