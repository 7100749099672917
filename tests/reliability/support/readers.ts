import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { expect } from 'vitest';
import { PASSWORD } from './server';

const ZH = JSON.parse(readFileSync('messages/zh-CN.json', 'utf8')) as Record<string, Record<string, string>>;

let lastAddress = 0;
/**
 * A client address of its own (TEST-NET and private ranges), sent as X-Forwarded-For
 * to servers started with TRUST_PROXY=loopback: each test's limits count only its
 * own requests, and a test that wants one address for many browsers shares it.
 */
export function newAddress(): string {
  const n = ++lastAddress + (process.pid % 200) * 50_000;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * A browser as the servers see it: its own cookies (session, device, visitor,
 * referral proof) and a client address. Requests go to whichever instance the
 * caller names, so one browser's requests can alternate between instances.
 */
export class Browser {
  readonly jar = new Map<string, string>();
  constructor(readonly address: string = newAddress()) {}

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Keeps what Set-Cookie says; an emptied cookie is forgotten, as a browser does. */
  keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0]!;
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0\b/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /** A state change as a page's fetch posts it (Origin of the instance, JSON answer). */
  async post(origin: string, path: string, form: Record<string, string | string[]> = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return this.keep(
      await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { origin, accept: 'application/json', 'x-forwarded-for': this.address, ...(this.jar.size ? { cookie: this.cookie } : {}) },
        body,
        redirect: 'manual',
      }),
    );
  }

  async get(origin: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(
      await fetch(`${origin}${path}`, {
        headers: { 'x-forwarded-for': this.address, ...(this.jar.size ? { cookie: this.cookie } : {}), ...headers },
        redirect: 'manual',
      }),
    );
  }
}

/**
 * Posts, and posts again after a short back-off while the password hasher answers
 * 503 "busy" (a refusal that counts nothing: lib refunds the attempt), so a test
 * counts only answers that decided something.
 */
export async function postPastBusy(browser: Browser, origin: string, path: string, form: Record<string, string>): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const res = await browser.post(origin, path, form);
    if (res.status !== 503 || attempt >= 40) return res;
    const body = (await res.json()) as { code?: string };
    if (body.code !== 'busy') throw new Error(`${path} answered 503 ${body.code}`);
    await new Promise((r) => setTimeout(r, 100 + attempt * 50 + Math.random() * 100));
  }
}

/** Signs a new reader up in `browser` (its own address unless told); fails the test unless it worked. */
export async function signUp(origin: string, browser = new Browser(), username = `r${randomBytes(5).toString('hex')}`) {
  const res = await postPastBusy(browser, origin, '/api/auth/sign-up', { username, password: PASSWORD, consent: 'on' });
  if (res.status !== 200) throw new Error(`sign-up answered ${res.status}: ${await res.text()}`);
  return { username, browser };
}

/** The JSON answer and status of a response. */
export async function answer(
  res: Response,
): Promise<{ status: number; retryAfter: string | null; body: { ok: boolean; code?: string; message?: string } & Record<string, unknown> }> {
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { ok: boolean; code?: string; message?: string } & Record<string, unknown>,
  };
}

/** Asserts a 429 says when to come back: Retry-After in whole seconds, at most the window. */
export function expectRetryAfter(refused: { retryAfter: string | null }, windowSeconds: number) {
  expect(refused.retryAfter).toMatch(/^[1-9]\d*$/);
  expect(Number(refused.retryAfter)).toBeLessThanOrEqual(windowSeconds);
}

/**
 * Asserts a refusal carries the zh-CN message of its code (the default locale of a
 * request without a Referer), its ICU arguments filled in with numbers.
 */
export function expectTranslated(body: { code?: string; message?: string }, namespace: 'AuthErrors' | 'ActionErrors', code: string) {
  expect(body.code).toBe(code);
  const template = ZH[namespace]![code];
  if (!template) throw new Error(`no ${namespace}.${code} in messages/zh-CN.json`);
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '\\d+');
  expect(body.message).toMatch(new RegExp(`^${pattern}$`));
}

/** Rows of one query on the test database. */
export async function sql<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

/** The account's id, looked up by username. */
export async function accountId(url: string, username: string): Promise<number> {
  const [row] = await sql<{ id: number }>(url, 'select id::int as id from accounts where username = $1', [username]);
  if (!row) throw new Error(`no account ${username}`);
  return row.id;
}

/** How many of `answers` had each status, e.g. { 200: 5, 429: 3 }. */
export function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

/**
 * Log lines of level error (pino 50), except two that load alone causes: the
 * hasher's "busy" answers, and the start-up housekeeping (best effort, again every
 * hour) finding no pool connection within the pool's 3 s on a machine this busy.
 */
export function errorLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /"level":50/.test(line))
    .filter((line) => !/"outcome":"busy"/.test(line))
    .filter((line) => !(/"msg":"housekeeping failed"/.test(line) && /connection timeout/.test(line)));
}
