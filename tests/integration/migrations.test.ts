import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openDb } from '@/lib/db/client';
import { MIGRATIONS_DIR, migrateDb } from '@/lib/db/migrate';
import { getReadiness } from '@/lib/db/readiness';
import { accounts, favourites, ratings } from '@/lib/db/schema';
import { BACKENDS, emptyDatabase, migratedDatabase } from './support/databases';

const TABLES = [
  'accounts',
  'app_secrets',
  'article_stats',
  'comment_bans',
  'comment_reports',
  'comments',
  'consents',
  'favourites',
  'feedback',
  'gift_stock',
  'ledger',
  'notifications',
  'password_resets',
  'quiz_attempts',
  'rate_limits',
  'ratings',
  'redemptions',
  'retired_usernames',
  'sessions',
  'share_visits',
  'unlocks',
];

describe.each(BACKENDS)('database on %s', (backend) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });

  it('applies the committed migrations to an empty database, and again without change', async () => {
    const db = await emptyDatabase(backend);
    drop = db.drop;
    await migrateDb(db.handle);
    await migrateDb(db.handle); // start-up runs it every time: a second run is a no-op
    const rows = await db.handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`);
    const names = (rows as unknown as { rows: Array<{ table_name: string }> }).rows.map((r) => r.table_name);
    expect(names).toEqual(TABLES);
  });

  it('applies each migration once when several instances start at once', async () => {
    const db = await emptyDatabase(backend);
    drop = db.drop;
    // On a server, four more instances (handles of their own) start with this one;
    // PGlite has one process per folder, so its runs share the one handle.
    const others = backend === 'postgres' ? await Promise.all([1, 2, 3, 4].map(() => openDb({ url: db.url! }))) : [];
    try {
      await Promise.all([db.handle, db.handle, ...others].map((h) => migrateDb(h)));
    } finally {
      await Promise.all(others.map((h) => h.close()));
    }
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    const applied = await db.handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect((applied as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(journal.entries.length);
  });

  it('keeps one favourite per reader and article, and ratings within 1–5', async () => {
    const db = await migratedDatabase(backend);
    drop = db.drop;
    const { db: d } = db.handle;
    const [a] = await d.insert(accounts).values({ username: 'reader', passwordHash: 'x', referralCode: 'r1' }).returning();
    const accountId = a!.id;

    // A double-clicked favourite: both inserts race, one row remains.
    await Promise.all([
      d.insert(favourites).values({ accountId, articleSlug: 's' }).onConflictDoNothing(),
      d.insert(favourites).values({ accountId, articleSlug: 's' }).onConflictDoNothing(),
    ]);
    expect(await d.select().from(favourites)).toHaveLength(1);

    await expect(d.insert(ratings).values({ accountId, articleSlug: 's', stars: 6 })).rejects.toThrow();
    await expect(d.insert(ratings).values({ accountId, articleSlug: 's', stars: 0 })).rejects.toThrow();
    await d.insert(ratings).values({ accountId, articleSlug: 's', stars: 5 });
    expect(await d.select().from(ratings)).toEqual([expect.objectContaining({ stars: 5 })]);
  });

  it('refuses a second account with the same username', async () => {
    const db = await migratedDatabase(backend);
    drop = db.drop;
    const { db: d } = db.handle;
    await d.insert(accounts).values({ username: 'same', passwordHash: 'x', referralCode: 'a' });
    await expect(d.insert(accounts).values({ username: 'same', passwordHash: 'y', referralCode: 'b' })).rejects.toThrow();
  });
});

describe.each(BACKENDS)('readiness on %s', (backend) => {
  it('is ready with every shipped migration applied, and says which are missing otherwise', async () => {
    const db = await migratedDatabase(backend);
    try {
      expect(await getReadiness(db.handle.db)).toEqual({ ready: true });
      await db.handle.db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
      expect(await getReadiness(db.handle.db)).toMatchObject({ ready: false, reason: 'migrations_pending' });
    } finally {
      await db.drop();
    }
  });

  it('throws on an empty database (no migrations table at all): not ready', async () => {
    const db = await emptyDatabase(backend);
    try {
      await expect(getReadiness(db.handle.db)).rejects.toThrow();
    } finally {
      await db.drop();
    }
  });
});
