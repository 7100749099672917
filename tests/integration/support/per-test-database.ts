import { afterEach } from 'vitest';
import type { Db } from '@/lib/db/client';
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
