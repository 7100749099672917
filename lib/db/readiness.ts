import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './client';
import { MIGRATIONS_DIR } from './migrate';

const Journal = z.object({ entries: z.array(z.object({ tag: z.string(), when: z.number() })) });

/** How many migrations this build ships (drizzle-kit's journal). */
function shippedMigrations(): number {
  return Journal.parse(JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'))).entries.length;
}

export type Readiness = { ready: true } | { ready: false; reason: 'migrations_pending'; applied: number; shipped: number };

/**
 * Whether the database can serve this build: it answers, and every migration the
 * build ships is applied (drizzle's own table records them). Throws while the
 * database is unreachable.
 */
export async function getReadiness(db: Db): Promise<Readiness> {
  const result = await db.execute(sql`select count(*)::int as applied from drizzle.__drizzle_migrations`);
  const applied = Number((result as unknown as { rows: { applied: number }[] }).rows[0]?.applied ?? 0);
  const shipped = shippedMigrations();
  return applied >= shipped ? { ready: true } : { ready: false, reason: 'migrations_pending', applied, shipped };
}
