import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import type * as schema from '../db/schema';

/** Drizzle's PostgreSQL API common to both drivers. */
export type PgDb = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * The handle seen as the API both drivers share. Calls like `.returning({...})` do not
 * type-check on the union of the two driver types (TypeScript cannot pick an overload
 * across a union), though both drivers implement them identically.
 */
export function pg(db: Db): PgDb {
  return db;
}
