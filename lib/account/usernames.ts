import { createHash } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { accounts, retiredUsernames } from '../db/schema';
import { getAppSecret, sign } from '../db/secrets';
import { normalizeUsername } from '../auth/validation';
import { usernameSkeleton } from './skeleton';

/** How long the name of a deleted account (and its look-alikes) stays refused at sign-up. */
export const RETIRED_USERNAME_DAYS = 30;

/** The key a retired name is stored under: an HMAC of its skeleton, so look-alikes meet and a guessed name cannot be checked offline. */
export async function retiredKey(db: Db, username: string): Promise<string> {
  return sign(await getAppSecret(db, 'retired-username'), `username:${usernameSkeleton(normalizeUsername(username))}`);
}

// Rows written before the HMAC: an unsalted SHA-256 of the plain name. Still
// honoured until they run out (30 days after this change; housekeeping then
// deletes them, and this can go).
const legacyKey = (username: string) =>
  createHash('sha256')
    .update(`username:${normalizeUsername(username)}`)
    .digest('hex');

/** Inside the deletion's transaction: refuses the name and its look-alikes at sign-up until `until`. */
export async function retireUsername(tx: Tx, key: string, until: Date): Promise<void> {
  await tx.insert(retiredUsernames).values({ usernameHash: key, until }).onConflictDoUpdate({ target: retiredUsernames.usernameHash, set: { until } });
}

/** Whether sign-up must refuse this name: a deleted account had it, or a look-alike of it, less than 30 days ago. */
export async function isUsernameRetired(db: Db, username: string, now = new Date()): Promise<boolean> {
  const keys = [await retiredKey(db, username), legacyKey(username)];
  const [row] = await db
    .select({ until: retiredUsernames.until })
    .from(retiredUsernames)
    .where(and(inArray(retiredUsernames.usernameHash, keys), gt(retiredUsernames.until, now)));
  return row !== undefined;
}

/** Whether an account has this name, or one that looks like it. */
export async function isUsernameTaken(db: Db, username: string): Promise<boolean> {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(or(eq(accounts.username, username), eq(accounts.usernameSkeleton, usernameSkeleton(username))))
    .limit(1);
  return row !== undefined;
}

/** Deletes retired names whose 30 days are over; returns how many. */
export async function purgeRetiredUsernames(db: Db, now = new Date()): Promise<number> {
  const rows = await db.delete(retiredUsernames).where(lte(retiredUsernames.until, now)).returning({ key: retiredUsernames.usernameHash });
  return rows.length;
}

/**
 * Gives accounts made before skeletons existed theirs, a batch at a time. Of two
 * such accounts that already look alike, the first keeps the skeleton and the
 * other stays without (both keep their names; only new look-alikes are refused).
 */
export async function fillUsernameSkeletons(db: Db, batch = 500): Promise<number> {
  const rows = await db
    .select({ id: accounts.id, username: accounts.username })
    .from(accounts)
    .where(and(isNull(accounts.usernameSkeleton), isNull(accounts.deletedAt)))
    .orderBy(accounts.id)
    .limit(batch);
  let filled = 0;
  for (const row of rows) {
    const skeleton = usernameSkeleton(row.username);
    const [clash] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.usernameSkeleton, skeleton));
    if (clash) continue;
    try {
      const done = await db
        .update(accounts)
        .set({ usernameSkeleton: skeleton })
        .where(and(eq(accounts.id, row.id), isNull(accounts.usernameSkeleton)))
        .returning({ id: accounts.id });
      filled += done.length;
    } catch (error) {
      // A sign-up took the skeleton between the check and the update: it keeps it.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return filled;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) if ((e as { code?: unknown }).code === '23505') return true;
  return false;
}
