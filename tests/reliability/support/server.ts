import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { buildIfNeeded } from '../../../scripts/build-if-needed.mjs';
import { ADMIN_URL } from '../../integration/support/databases';
import { ROOT } from './processes';

/** The first port the reliability servers use, shifted like the e2e suite's. */
export const BASE_PORT = 4100 + Number(process.env.E2E_PORT_OFFSET ?? 0);
export const SITE_URL = process.env.SITE_URL || 'http://127.0.0.1:3000';
export const PASSWORD = 'correct horse 1';

/** The production build (`npm run build`, .next) the servers run; built only when missing or out of date. */
export function ensureBuild() {
  buildIfNeeded({ env: { ...process.env, SITE_URL } });
}

/** The log lines of errors Next caught while answering, cut short, so a failure names the request. */
export function requestErrors(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"request error"'))
    .map((line) => line.slice(0, 2000));
}

export type Server = { origin: string; child: ChildProcess; output: () => string; stop: () => Promise<void> };

/** `node server.mjs` on `port` with extra environment; resolves once /healthz answers (the database may still be down). */
export async function startServer(port: number, env: Record<string, string>, timeoutMs = 120_000): Promise<Server> {
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SITE_URL,
      NODE_ENV: 'production',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      SIGN_UPS_PER_ADDRESS_HOUR: '100000',
      SIGN_UPS_PER_ADDRESS_DAY: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('close', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.mjs exited (${child.exitCode}):\n${output.slice(-3000)}`);
    try {
      if ((await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server.mjs not up on ${origin}:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { origin, child, output: () => output, stop };
}

/** A reader signed up through the API; `cookie` signs their requests in. */
export async function signUp(origin: string, username = `r${randomBytes(5).toString('hex')}`) {
  const res = await fetch(`${origin}/api/auth/sign-up`, {
    method: 'POST',
    headers: { origin, accept: 'application/json' },
    body: new URLSearchParams({ username, password: PASSWORD, consent: 'on' }),
    redirect: 'manual',
  });
  if (res.status !== 200) throw new Error(`sign-up answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0]!)
    .join('; ');
  return { username, cookie };
}

/** A state change as a page's fetch would post it. */
export function post(origin: string, path: string, form: Record<string, string>, cookie = '', signal?: AbortSignal) {
  return fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { origin, accept: 'application/json', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(form),
    redirect: 'manual',
    signal: signal ?? null,
  });
}

/** A new, empty database on the test server; returns its URL and how to drop it. */
export async function freshDatabase(prefix: string, adminUrl = ADMIN_URL) {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const run = async (statement: string) => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
