import type { Db } from '../db/client';
import { deleteStaleAttempts } from './rate-limit';
import { deleteExpiredSessions } from './sessions';

/** The longest rate-limit window in use (referral rewards: a day); older counters are dead. */
const LONGEST_WINDOW_SECONDS = 24 * 60 * 60;

/**
 * Deletes expired sessions and dead rate-limit counters. Safe on any number of
 * instances at once: each is one DELETE of rows nobody can use any more.
 */
export async function housekeeping(db: Db, now = new Date()): Promise<{ sessions: number; attempts: number }> {
  const sessions = await deleteExpiredSessions(db, now);
  const attempts = await deleteStaleAttempts(db, { olderThanSeconds: LONGEST_WINDOW_SECONDS, now });
  return { sessions, attempts };
}
