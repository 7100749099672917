import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts } from '../db/schema';
import { deviceTokenFor, issueDeviceToken, readDeviceTokens } from './device';
import { createSessionIfPasswordIs } from './sessions';
import { assertHasherHasRoom, hashPassword, needsRehash, verifyPassword } from './passwords';
import { consumeAttempt, refundAttempt } from './rate-limit';
import { Credentials, Password, Username, normalizeUsername } from './validation';
import { getLogger } from '../../server/log.mjs';
import { recordConsents, type AcceptedVersions } from '../account/consent';
import { usernameSkeleton } from '../account/skeleton';
import { isUsernameRetired, isUsernameTaken } from '../account/usernames';

/** A reader's account as the app sees it (never the password hash). */
export type Account = {
  id: number;
  username: string;
  isModerator: boolean;
  referralCode: string;
  /** The feathers balance (the sum of the account's ledger). */
  feathers: number;
  createdAt: Date;
};

export type SignUpResult =
  | { ok: true; account: Account }
  | { ok: false; code: 'username_taken' }
  | { ok: false; code: 'username_retired' }
  | { ok: false; code: 'sign_up_limited'; retryAfterSeconds: number };
export type SignInResult =
  | { ok: true; account: Account; session: { token: string; expiresAt: Date }; deviceCookie: string }
  | { ok: false; code: 'invalid_credentials' }
  | { ok: false; code: 'rate_limited' | 'account_locked'; retryAfterSeconds: number };
export type SetModeratorResult = { ok: true } | { ok: false; code: 'unknown_user' };

const MINUTES_15 = 15 * 60;
/** Failed sign-ins per username from browsers without its device cookie: 5 in 15 minutes, then refused. */
export const USERNAME_FAILURES = { limit: 5, windowSeconds: MINUTES_15 } as const;
/** Failed sign-ins per device cookie, so a stolen one buys few guesses: 10 in 15 minutes. */
export const DEVICE_FAILURES = { limit: 10, windowSeconds: MINUTES_15 } as const;
/** Failed sign-ins per client address (an IPv6 /64 counts as one): 100 in 15 minutes. */
// Generous: many mobile readers in China share one carrier-NAT address.
export const ADDRESS_FAILURES = { limit: 100, windowSeconds: MINUTES_15 } as const;

/** The columns that make an Account (never the password hash). */
export const accountColumns = {
  id: accounts.id,
  username: accounts.username,
  isModerator: accounts.isModerator,
  referralCode: accounts.referralCode,
  feathers: accounts.feathers,
  createdAt: accounts.createdAt,
};

// Verified against when the username is unknown, so a miss costs the same scrypt as a wrong password.
// It is the hash of a random string nobody kept, made with the same parameters as hashPassword.
const DUMMY_HASH = 'scrypt$32768$8$3$4WRPm/TzezzBQa4AfxvXPg==$I7tyNWa3kbBw6wIc4qr/3uH0QLVNZtVmUlt01nk7yyk=';

// Longer raw input than this cannot be a username (20 characters, even fully
// decomposed); it is refused before NFKC normalisation, which can grow a string.
const MAX_RAW_USERNAME = 100;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 10 random base32 characters (50 bits); 256 is a multiple of 32, so every character is uniform. */
function newReferralCode(): string {
  return [...randomBytes(10)].map((b) => BASE32[b & 31]).join('');
}

/** Whether `error` (or the driver error drizzle wraps) is a unique violation of `constraint`. */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return name === constraint;
  }
  return false;
}

/** Sign-ups allowed per client address, checked before a password is hashed. */
export type SignUpLimits = { perHour: number; perDay: number };

/**
 * Creates an account. Sign-ups are counted per client address (`address`, a key
 * from addressKey) in an hour and in a day, before the password is hashed, in
 * PostgreSQL so the limits hold across instances. A refused attempt is not kept
 * in the count; one for a name already taken is (it is answered without hashing,
 * so it costs nothing but a query, and counting it limits trying names). Throws a
 * ZodError when the credentials fail `Credentials` (validate the form with it
 * first); the username is stored normalised. `consents` (the documents' versions
 * the form accepted) are recorded in the transaction that creates the account.
 */
export async function signUp(
  db: Db,
  input: { username: string; password: string; address: string; limits: SignUpLimits; consents?: AcceptedVersions; now?: Date },
): Promise<SignUpResult> {
  const { username, password } = Credentials.parse(input);
  assertHasherHasRoom();
  const now = input.now ?? new Date();
  const keys = [
    { key: `signup:hour:${input.address}`, limit: input.limits.perHour, windowSeconds: 3600 },
    { key: `signup:day:${input.address}`, limit: input.limits.perDay, windowSeconds: 86400 },
  ];
  const checks = await Promise.all(keys.map((k) => consumeAttempt(db, k.key, { ...k, now })));
  const refund = () => Promise.all(keys.map((k, i) => refundAttempt(db, k.key, checks[i]!)));
  const refused = checks.filter((c) => !c.allowed);
  if (refused.length > 0) {
    await refund();
    return { ok: false, code: 'sign_up_limited', retryAfterSeconds: Math.max(...refused.map((c) => c.retryAfterSeconds)) };
  }
  // A name already taken, or one looking like it (`аlice` with a Cyrillic а beside
  // `alice`), is answered before the expensive hash (the insert below still decides
  // a race between two sign-ups of one name or of two look-alikes).
  if (await isUsernameTaken(db, username)) return { ok: false, code: 'username_taken' };
  // The name of an account deleted less than 30 days ago, or a look-alike, is nobody's yet (lib/account/usernames.ts).
  if (await isUsernameRetired(db, username, now)) return { ok: false, code: 'username_retired' };
  const passwordHash = await hashPassword(password).catch(async (error) => {
    await refund();
    throw error;
  });
  for (let attempt = 0; ; attempt++) {
    try {
      // The unique username and skeleton: of concurrent sign-ups of one name or of
      // look-alikes, the database lets exactly one insert.
      // The consents accepted with the form are written with the account: there is
      // never an account without the versions its reader agreed to.
      const account = await db.transaction(async (tx) => {
        const [made] = await tx
          .insert(accounts)
          .values({ username, usernameSkeleton: usernameSkeleton(username), passwordHash, referralCode: newReferralCode() })
          .returning(accountColumns);
        await recordConsents(tx, made!.id, input.consents ?? {}, now);
        return made!;
      });
      return { ok: true, account };
    } catch (error) {
      if (isUniqueViolation(error, 'accounts_username_unique') || isUniqueViolation(error, 'accounts_username_skeleton_unique')) {
        return { ok: false, code: 'username_taken' };
      }
      // A referral code collision (one in 2^50 per existing account): draw another.
      if (attempt < 5 && isUniqueViolation(error, 'accounts_referral_code_unique')) continue;
      throw error;
    }
  }
}

/**
 * Checks a username and password, resisting guessing without locking the owner
 * out. Only failures stay counted: each attempt is counted before the password is
 * checked (so concurrent guesses cannot pass a limit) and a success takes its
 * count back. A browser carrying the account's device token (one it signed up or
 * in from before) is counted against that token alone, so neither guessing
 * elsewhere nor a guesser behind the same carrier NAT locks its owner out; every
 * other browser is counted per client address and, all together, per username.
 * On success the result carries the new session and the device cookie to set. The
 * session is written only if the password hash checked is still the account's: a
 * sign-in that checked a password changed meanwhile fails like a wrong one.
 */
export async function signIn(
  db: Db,
  input: { username: string; password: string; address: string; deviceCookie?: string | undefined; now?: Date },
): Promise<SignInResult> {
  assertHasherHasRoom();
  const now = input.now ?? new Date();
  const username = input.username.length <= MAX_RAW_USERNAME ? Username.safeParse(input.username) : null;
  const password = Password.safeParse(input.password);
  const [row] = username?.success
    ? await db
        .select({ ...accountColumns, passwordHash: accounts.passwordHash })
        .from(accounts)
        .where(eq(accounts.username, username.data))
    : [];
  const tokens = row ? await readDeviceTokens(db, input.deviceCookie, now) : [];
  const device = row ? deviceTokenFor(tokens, row.id) : undefined;
  // A username that cannot exist is counted only under the address; an unknown but
  // possible one like a real one, so the answers say nothing about which exist.
  const locks = device
    ? [{ key: `signin:device:${device.nonce}`, ...DEVICE_FAILURES, refusal: 'rate_limited' as const }]
    : [
        { key: `signin:addr:${input.address}`, ...ADDRESS_FAILURES, refusal: 'rate_limited' as const },
        ...(username?.success ? [{ key: `signin:user:${username.data}`, ...USERNAME_FAILURES, refusal: 'account_locked' as const }] : []),
      ];
  const counted = await Promise.all(locks.map((l) => consumeAttempt(db, l.key, { ...l, now })));
  const refund = () => Promise.all(locks.map((l, i) => refundAttempt(db, l.key, counted[i]!)));
  const refused = locks.findIndex((_, i) => !counted[i]!.allowed);
  if (refused >= 0) {
    await refund(); // a refused attempt checks nothing: not a failure
    return { ok: false, code: locks[refused]!.refusal, retryAfterSeconds: counted[refused]!.retryAfterSeconds };
  }

  let matches: boolean;
  try {
    // Unknown usernames and impossible passwords still spend one verification, so timing tells nothing.
    matches = await verifyPassword(password.success ? password.data : '', row?.passwordHash ?? DUMMY_HASH);
  } catch (error) {
    await refund(); // not checked (the hasher was busy): not a failure
    throw error;
  }
  if (!row || !matches || !password.success) return { ok: false, code: 'invalid_credentials' };
  // Still counted as a failure when the password changed under us: the old one is wrong now.
  const session = await createSessionIfPasswordIs(db, row.id, row.passwordHash, { now });
  if (!session) return { ok: false, code: 'invalid_credentials' };
  await refund();
  if (needsRehash(row.passwordHash)) {
    // Best effort: a busy hasher must not fail a right password; the next sign-in tries again.
    await upgradeHash(db, row.id, row.passwordHash, password.data).catch((error: Error) =>
      getLogger().warn({ account: row.id, err: error }, 'password rehash deferred'),
    );
  }
  const { passwordHash: _, ...account } = row;
  return { ok: true, account, session, deviceCookie: await issueDeviceToken(db, tokens, row.id, now) };
}

/** Rehashes a password made with older parameters, unless it changed meanwhile. */
async function upgradeHash(db: Db, accountId: number, old: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db
    .update(accounts)
    .set({ passwordHash })
    .where(and(eq(accounts.id, accountId), eq(accounts.passwordHash, old)));
}

/** The account with this username (normalised first), or null. */
export async function getAccountByUsername(db: Db, username: string): Promise<Account | null> {
  const [row] = await db
    .select(accountColumns)
    .from(accounts)
    .where(eq(accounts.username, normalizeUsername(username)));
  return row ?? null;
}

/** Grants or revokes moderation rights. */
export async function setModerator(db: Db, username: string, isModerator: boolean): Promise<SetModeratorResult> {
  const rows = await db
    .update(accounts)
    .set({ isModerator })
    .where(eq(accounts.username, normalizeUsername(username)))
    .returning({ id: accounts.id });
  return rows.length > 0 ? { ok: true } : { ok: false, code: 'unknown_user' };
}
