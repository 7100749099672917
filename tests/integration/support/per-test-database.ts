import { afterEach } from 'vitest';
import { openDb, type Db } from '@/lib/db/client';
import { migratedDatabase, type Backend } from './databases';

/**
 * Registers an afterEach that drops the test's database, and returns the function
 * that gives the current test a fresh migrated one.
 */
export function perTestDatabase(backend: Backend): () => Promise<Db> {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });
  return async () => {
    const created = await migratedDatabase(backend);
    drop = created.drop;
    return created.handle.db;
  };
}

/**
 * Like perTestDatabase, but gives two handles on the test's database, as two app
 * instances have: two connection pools to one server. PGlite belongs to one
 * process, so there both are the same handle.
 */
export function perTestDatabasePair(backend: Backend): () => Promise<[Db, Db]> {
  const drops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const drop of drops.splice(0).reverse()) await drop();
  });
  return async () => {
    const created = await migratedDatabase(backend);
    drops.push(created.drop);
    if (!created.url) return [created.handle.db, created.handle.db];
    const other = await openDb({ url: created.url });
    drops.push(() => other.close());
    return [created.handle.db, other.db];
  };
}
