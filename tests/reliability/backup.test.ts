import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@/lib/db/client';
import { migrateDb } from '@/lib/db/migrate';
import { getReadiness } from '@/lib/db/readiness';
import { applyChange } from '@/lib/feathers/ledger';
import { redeemGift } from '@/lib/feathers/mall';
import { ADMIN_URL } from '../integration/support/databases';
import { testAccount } from '../integration/support/sign-up';
import { booksProblems, moneySnapshot } from './support/books';
import { runTs } from './support/processes';

const GIFT = { id: 'coupon', name: '券', description: '券', howToUse: '下单时填写兑换码。', price: 20, stock: 40 };
let serial = 0;
const key = () => `backup-test-key-${String(++serial).padStart(8, '0')}`;

/** Some readers earning and spending: grants, and redemptions until the stock runs out. */
async function trade(db: Db, accountIds: number[], rounds: number, tag: string) {
  for (let round = 0; round < rounds; round++) {
    for (const accountId of accountIds) {
      await applyChange(db, { accountId, delta: 15, reason: 'grant', reference: `${tag}:${round}` });
      await redeemGift(db, accountId, GIFT, key());
    }
  }
}

const rowSet = (rows: Record<string, unknown>[]) => new Set(rows.map((r) => JSON.stringify(r)));
const tmp = mkdtempSync(path.join(tmpdir(), 'niaoge-backup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function admin(statement: string) {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('db:backup and db:restore on a PostgreSQL server', () => {
  it('restores the moment of a backup taken while readers trade, with balanced books', async () => {
    const name = `reliability_backup_${Date.now()}`;
    await admin(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString() };
    let handle = await openDb({ url: url.toString() });
    try {
      await migrateDb(handle);
      const ids = [];
      for (let i = 0; i < 6; i++) ids.push((await testAccount(handle.db, `backup${i}`)).id);
      await trade(handle.db, ids, 3, 'before');
      const before = await moneySnapshot(handle.db);

      // The backup runs while the readers keep trading: it must still be one moment.
      const file = path.join(tmp, 'server.dump');
      let trading = true;
      const during = (async () => {
        for (let round = 0; trading; round++) await trade(handle.db, ids, 1, `during${round}`);
      })();
      const backup = await runTs('lib/cli/db-backup.ts', [file], env);
      trading = false;
      await during;
      expect(backup.stderr).toBe('');
      expect(backup.stdout).toContain(`backup written: ${file}`);

      await trade(handle.db, ids, 2, 'after');
      const after = await moneySnapshot(handle.db);
      await handle.close();

      // Wipe: the database is dropped and made again, empty.
      await admin(`drop database ${name} with (force)`);
      await admin(`create database ${name}`);
      const restore = await runTs('lib/cli/db-restore.ts', [file], env);
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);

      handle = await openDb({ url: url.toString() });
      expect(await getReadiness(handle.db)).toEqual({ ready: true });
      const restored = await moneySnapshot(handle.db);
      expect(await booksProblems(handle.db)).toEqual({ balances: [], chains: [], stock: [] });
      // Everything written before the backup began is back; nothing written after it ended is.
      const restoredLedger = rowSet(restored.ledger);
      for (const row of rowSet(before.ledger)) expect(restoredLedger).toContain(row);
      for (const row of restoredLedger) expect(rowSet(after.ledger)).toContain(row);
      expect(restored.ledger.some((r) => String(r.reference).startsWith('after:'))).toBe(false);
      expect(restored.redemptions.length).toBeLessThanOrEqual(GIFT.stock);
      expect(restored.redemptions.length).toBeGreaterThanOrEqual(before.redemptions.length);

      // A backup of the other kind is refused with a message, changing nothing.
      const wrong = await runTs('lib/cli/db-restore.ts', [path.join(import.meta.dirname, 'vitest.config.ts')], env);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/^db:restore: .* is not a PostgreSQL server backup/);
      expect(await moneySnapshot(handle.db)).toEqual(restored);
    } finally {
      await handle.close().catch(() => {});
      await admin(`drop database if exists ${name} with (force)`);
    }
  });
});

describe('db:backup and db:restore of the embedded database', () => {
  it('copies the folder while nobody holds it, refuses while the site does, and restores its moment', async () => {
    const dir = path.join(tmp, 'data');
    const env = { DATABASE_URL: '', PGLITE_DIR: dir };
    let handle = await openDb({ dir, url: '' });
    const ids = [];
    await migrateDb(handle);
    for (let i = 0; i < 4; i++) ids.push((await testAccount(handle.db, `embedded${i}`)).id);
    await trade(handle.db, ids, 3, 'before');
    const before = await moneySnapshot(handle.db);

    // The site holds the folder: refused, with a message and no file.
    const file = path.join(tmp, 'embedded.tar.gz');
    const refused = await runTs('lib/cli/db-backup.ts', [file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^db:backup: the embedded database in .* is in use by process ${process.pid}\\.`));
    expect(existsSync(file)).toBe(false);
    await handle.close();

    const backup = await runTs('lib/cli/db-backup.ts', [file], env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);

    handle = await openDb({ dir, url: '' });
    await trade(handle.db, ids, 2, 'after');
    await handle.close();

    rmSync(dir, { recursive: true, force: true });
    const restore = await runTs('lib/cli/db-restore.ts', [file], env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);

    handle = await openDb({ dir, url: '' });
    try {
      expect(await moneySnapshot(handle.db)).toEqual(before);
      expect(await booksProblems(handle.db)).toEqual({ balances: [], chains: [], stock: [] });
    } finally {
      await handle.close();
    }

    // Restoring over a folder keeps the replaced one aside rather than destroying it.
    const again = await runTs('lib/cli/db-restore.ts', [file], env);
    expect(again.code).toBe(0);
    const kept = readdirSync(tmp).filter((f) => f.startsWith('data.before-restore-'));
    expect(kept).toHaveLength(1);
    expect(again.stdout).toContain(path.join(tmp, kept[0]!));
  });
});
