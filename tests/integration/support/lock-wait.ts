import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';

/**
 * Resolves once some statement on the test's server database waits for a lock: the
 * way a test knows the second of two interleaved transactions has reached the point
 * it is about. PostgreSQL server only.
 */
export async function waitForLockWait(db: Db): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const result = await db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    if ((result as unknown as { rows: Array<{ n: number }> }).rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no statement ever waited for a lock');
}
