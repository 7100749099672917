import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '@/lib/db/migrate';
import { sql } from './support/readers';
import { BASE_PORT, ensureBuild, freshDatabase, post, signUp, startServer, type Server, requestErrors } from './support/server';

const SLUG = 'how-ecommerce-operations-work';
const UNAVAILABLE = JSON.parse(readFileSync('messages/zh-CN.json', 'utf8')).ActionErrors.unavailable as string;
const SHIPPED = (JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
// pino's level for errors: a server that logged one had something go wrong.
const ERROR_LINE = /"level":50/;

const servers: Server[] = [];
const drops: (() => Promise<void>)[] = [];
beforeAll(() => ensureBuild(), 900_000);
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  for (const drop of drops.splice(0)) await drop();
});

async function until<T>(what: string, check: () => Promise<T | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => false as const);
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('app instances on one PostgreSQL database', () => {
  it('four instances started at the same instant on an empty database apply each migration once, then all serve', async () => {
    const db = await freshDatabase('rel_four');
    drops.push(db.drop);
    const four = await Promise.all([0, 1, 2, 3].map((i) => startServer(BASE_PORT + i, { DATABASE_URL: db.url })));
    servers.push(...four);
    for (const s of four) await until(`${s.origin}/readyz`, async () => (await fetch(`${s.origin}/readyz`)).ok || false, 60_000);

    const [applied] = await sql<{ n: number; hashes: number }>(
      db.url,
      'select count(*)::int as n, count(distinct hash)::int as hashes from drizzle.__drizzle_migrations',
    );
    expect(applied).toEqual({ n: SHIPPED, hashes: SHIPPED });
    // Each serves a reader: a sign-up writes, the reader's state reads back.
    for (const s of four) {
      const reader = await signUp(s.origin);
      const state = await fetch(`${s.origin}/api/reader-state`, { headers: { cookie: reader.cookie } });
      expect(state.status).toBe(200);
      expect(await state.json()).toMatchObject({ account: { username: reader.username } });
    }
    for (const s of four) expect(s.output()).not.toMatch(ERROR_LINE);
    await Promise.all(four.map((s) => s.stop()));
  }, 300_000);

  it('a stuck transaction holding a reader’s row lock holds nobody up past lock_timeout, and is ended by idle_in_transaction_session_timeout', async () => {
    const db = await freshDatabase('rel_stuck');
    drops.push(db.drop);
    const timeouts = { DB_LOCK_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '3000', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '5000' };
    const server = await startServer(BASE_PORT + 4, { DATABASE_URL: db.url, ...timeouts });
    servers.push(server);
    const reader = await signUp(server.origin);

    // The stuck one is a session of the app's own pool (a request that hung mid-transaction).
    Object.assign(process.env, timeouts);
    const { openDb } = await import('@/lib/db/client');
    const handle = await openDb({ url: db.url });
    if (handle.kind !== 'postgres') throw new Error('expected a server handle');
    const stuck = await handle.driver.$client.connect();
    const ended = new Promise<string>((resolve) => stuck.once('error', (e: Error & { code?: string }) => resolve(e.code ?? e.message)));
    await stuck.query('begin');
    await stuck.query('select id from accounts where username = $1 for update', [reader.username]);
    const lockedAt = Date.now();

    // A change that needs the same row waits lock_timeout, then gets a translated 503.
    let started = Date.now();
    const refused = await post(server.origin, `/api/articles/${SLUG}/quiz`, { choice: '1' }, reader.cookie);
    const waited = Date.now() - started;
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ ok: false, code: 'unavailable', message: UNAVAILABLE });
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(1000 + 2500);
    // Reading the reader's state takes no lock: not held up at all.
    started = Date.now();
    const state = await fetch(`${server.origin}/api/reader-state?article=${SLUG}`, { headers: { cookie: reader.cookie } });
    expect(state.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);

    // The server ends the stuck session, releasing the lock; the change then goes through.
    expect(await ended).toBe('25P03');
    expect(Date.now() - lockedAt).toBeLessThan(5000 + 3000);
    stuck.release(true);
    await handle.close();
    const answered = await post(server.origin, `/api/articles/${SLUG}/quiz`, { choice: '1' }, reader.cookie);
    expect(answered.status).toBe(200);
    // The refusal was logged as a failed state change, never as a crash of the request.
    expect(requestErrors(server.output())).toEqual([]);
    await server.stop();
  }, 300_000);
});
