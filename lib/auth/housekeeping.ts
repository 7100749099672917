import type { Db } from '../db/client';
import { purgeSpentResetLinks } from '../account/manage';
import { fillUsernameSkeletons, purgeRetiredUsernames } from '../account/usernames';
import { deleteStaleAttempts } from './rate-limit';
import { deleteExpiredSessions } from './sessions';

/** The longest rate-limit window in use (referral rewards: a day); older counters are dead. */
const LONGEST_WINDOW_SECONDS = 24 * 60 * 60;

export type Housekeeping = { sessions: number; attempts: number; retiredNames: number; resetLinks: number; skeletons: number };

/**
 * Deletes expired sessions, dead rate-limit counters, retired names whose 30 days
 * are over and reset links spent more than a day ago, and gives accounts older
 * than username skeletons theirs. Safe on any number of instances at once: each
 * delete removes rows nobody can use any more, and a skeleton is only ever set once.
 */
export async function housekeeping(db: Db, now = new Date()): Promise<Housekeeping> {
  const sessions = await deleteExpiredSessions(db, now);
  const attempts = await deleteStaleAttempts(db, { olderThanSeconds: LONGEST_WINDOW_SECONDS, now });
  const retiredNames = await purgeRetiredUsernames(db, now);
  const resetLinks = await purgeSpentResetLinks(db, now);
  const skeletons = await fillUsernameSkeletons(db);
  return { sessions, attempts, retiredNames, resetLinks, skeletons };
}
