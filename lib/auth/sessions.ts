import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts, sessions } from '../db/schema';
import { accountColumns, type Account } from './accounts';

/** Name of the cookie that carries the session token. */
export const SESSION_COOKIE = 'session';

/** How long a new session lasts unless told otherwise. */
export const SESSION_TTL_DAYS = 30;

// 32 random bytes in base64url, unpadded: exactly 43 characters of this alphabet.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a session for the account; the token goes in the cookie, only its SHA-256 is stored. */
export async function createSession(
  db: Db,
  accountId: number,
  { now = new Date(), ttlDays = SESSION_TTL_DAYS }: { now?: Date; ttlDays?: number } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlDays * 24 * 60 * 60 * 1000);
  await db.insert(sessions).values({ tokenHash: hashToken(token), accountId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/**
 * Starts a session only if the account still has the password hash `verifiedHash`
 * (the one a sign-in just checked the password against) and is not deleted; null
 * otherwise. A password change, a reset or a deletion that commits between the
 * check and this insert ends every session it finds, so a session written after it
 * from the old password would outlive it: the condition and the insert are one
 * statement, and FOR SHARE waits for such a change in flight and then rereads the
 * row (an uncommitted new hash is otherwise invisible and the old one would pass).
 */
export async function createSessionIfPasswordIs(
  db: Db,
  accountId: number,
  verifiedHash: string,
  { now = new Date(), ttlDays = SESSION_TTL_DAYS }: { now?: Date; ttlDays?: number } = {},
): Promise<{ token: string; expiresAt: Date } | null> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlDays * 24 * 60 * 60 * 1000);
  const result = await db.execute(sql`
    insert into ${sessions} (token_hash, account_id, created_at, expires_at)
    select ${hashToken(token)}, ${accounts.id}, ${now.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz
    from ${accounts}
    where ${accounts.id} = ${accountId} and ${accounts.passwordHash} = ${verifiedHash} and ${accounts.deletedAt} is null
    for share
    returning token_hash`);
  return (result as unknown as { rows: unknown[] }).rows.length > 0 ? { token, expiresAt } : null;
}

/** The account a session token belongs to, or null for a malformed, unknown or expired token (an expired one is deleted). */
export async function getSessionAccount(db: Db, token: string, now: Date = new Date()): Promise<Account | null> {
  return (await getSessionAccountWith(db, token, {}, now))?.account ?? null;
}

/**
 * getSessionAccount plus `extra` columns computed in the same statement (subqueries
 * on `accounts.id`): a request that needs more about the reader than the account
 * row, on every page load, saves a round trip per extra query.
 */
export async function getSessionAccountWith<E extends Record<string, SQL<unknown>>>(
  db: Db,
  token: string,
  extra: E,
  now: Date = new Date(),
): Promise<{ account: Account; extra: { [K in keyof E]: E[K] extends SQL<infer T> ? T : never } } | null> {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return null; // garbage never reaches the database
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      account: accountColumns,
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    // A deleted account's tombstone signs nobody in, even through a session a sign-in
    // racing the deletion managed to write.
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(accounts.deletedAt)));
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(and(eq(sessions.tokenHash, tokenHash), lte(sessions.expiresAt, now)));
    return null;
  }
  const extras = ('extra' in row ? row.extra : {}) as { [K in keyof E]: E[K] extends SQL<infer T> ? T : never };
  return { account: row.account, extra: extras };
}

/** Ends the session (signing out); a malformed or unknown token is a no-op. */
export async function deleteSession(db: Db, token: string): Promise<void> {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return;
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** Deletes every session expired at `now`; returns how many. */
export async function deleteExpiredSessions(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await db.delete(sessions).where(lte(sessions.expiresAt, now)).returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}

/** Options for the session cookie (set `secure` when served over HTTPS). */
export function sessionCookieOptions(secure: boolean, expiresAt: Date) {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt } as const;
}
