import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts } from '../db/schema';
import { pg } from './db';
import { deviceTokenFor, issueDeviceToken, readDeviceTokens } from './device';
import { assertHasherHasRoom, hashPassword, needsRehash, verifyPassword } from './passwords';
import { consumeAttempt, refundAttempt } from './rate-limit';
import { Credentials, Password, Username, normalizeUsername } from './validation';

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
  | { ok: false; code: 'sign_up_limited'; retryAfterSeconds: number };
export type SignInResult =
  | { ok: true; account: Account; deviceCookie: string }
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
 * PostgreSQL so the limits hold across instances; a refused or name-taken attempt
 * is not kept in the count. Throws a ZodError when the credentials fail
 * `Credentials` (validate the form with it first); the username is stored normalised.
 */
export async function signUp(
  db: Db,
  input: { username: string; password: string; address: string; limits: SignUpLimits; now?: Date },
): Promise<SignUpResult> {
  const { username, password } = Credentials.parse(input);
  assertHasherHasRoom();
  const now = input.now ?? new Date();
  const keys = [
    { key: `signup:hour:${input.address}`, limit: input.limits.perHour, windowSeconds: 3600 },
    { key: `signup:day:${input.address}`, limit: input.limits.perDay, windowSeconds: 86400 },
  ];
  const refund = () => Promise.all(keys.map((k) => refundAttempt(pg(db), k.key)));
  const checks = await Promise.all(keys.map((k) => consumeAttempt(pg(db), k.key, { ...k, now })));
  const refused = checks.filter((c) => !c.allowed);
  if (refused.length > 0) {
    await refund();
    return { ok: false, code: 'sign_up_limited', retryAfterSeconds: Math.max(...refused.map((c) => c.retryAfterSeconds)) };
  }
  const passwordHash = await hashPassword(password).catch(async (error) => {
    await refund();
    throw error;
  });
  for (let attempt = 0; ; attempt++) {
    try {
      // ON CONFLICT on the username: of concurrent sign-ups, the database lets exactly one insert.
      const [account] = await pg(db)
        .insert(accounts)
        .values({ username, passwordHash, referralCode: newReferralCode() })
        .onConflictDoNothing({ target: accounts.username })
        .returning(accountColumns);
      if (account) return { ok: true, account };
      await refund();
      return { ok: false, code: 'username_taken' };
    } catch (error) {
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
 * count back. Failures are counted per client address and, per username, either
 * against the browser's device token for that account (a browser it signed in
 * from before) or, for every other browser together, against the username, so a
 * guesser elsewhere locks out only browsers the owner never used. On success the
 * result carries the device cookie to set.
 */
export async function signIn(
  db: Db,
  input: { username: string; password: string; address: string; deviceCookie?: string | undefined; now?: Date },
): Promise<SignInResult> {
  assertHasherHasRoom();
  const now = input.now ?? new Date();
  const username = input.username.length <= MAX_RAW_USERNAME ? Username.safeParse(input.username) : null;
  const password = Password.safeParse(input.password);
  const addressKey = `signin:addr:${input.address}`;
  const address = await consumeAttempt(pg(db), addressKey, { ...ADDRESS_FAILURES, now });
  if (!address.allowed) {
    await refundAttempt(pg(db), addressKey);
    return { ok: false, code: 'rate_limited', retryAfterSeconds: address.retryAfterSeconds };
  }

  const [row] = username?.success
    ? await pg(db)
        .select({ ...accountColumns, passwordHash: accounts.passwordHash })
        .from(accounts)
        .where(eq(accounts.username, username.data))
    : [];
  const tokens = row ? await readDeviceTokens(db, input.deviceCookie, now) : [];
  const device = row ? deviceTokenFor(tokens, row.id) : undefined;
  // A username that cannot exist is counted only under the address; an unknown but
  // possible one like a real one, so the answers say nothing about which exist.
  const lock = device
    ? { key: `signin:device:${device.nonce}`, ...DEVICE_FAILURES }
    : username?.success
      ? { key: `signin:user:${username.data}`, ...USERNAME_FAILURES }
      : null;
  const counted = lock ? await consumeAttempt(pg(db), lock.key, { ...lock, now }) : { allowed: true, retryAfterSeconds: 0 };
  const refund = async () => {
    await refundAttempt(pg(db), addressKey);
    if (lock) await refundAttempt(pg(db), lock.key);
  };
  if (!counted.allowed) {
    await refund();
    return { ok: false, code: device ? 'rate_limited' : 'account_locked', retryAfterSeconds: counted.retryAfterSeconds };
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
  await refund();
  if (needsRehash(row.passwordHash)) await upgradeHash(db, row.id, row.passwordHash, password.data);
  const { passwordHash: _, ...account } = row;
  return { ok: true, account, deviceCookie: await issueDeviceToken(db, tokens, row.id, now) };
}

/** Rehashes a password made with older parameters, unless it changed meanwhile. */
async function upgradeHash(db: Db, accountId: number, old: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await pg(db)
    .update(accounts)
    .set({ passwordHash })
    .where(and(eq(accounts.id, accountId), eq(accounts.passwordHash, old)));
}

/** The account with this username (normalised first), or null. */
export async function getAccountByUsername(db: Db, username: string): Promise<Account | null> {
  const [row] = await pg(db).select(accountColumns).from(accounts).where(eq(accounts.username, normalizeUsername(username)));
  return row ?? null;
}

/** Grants or revokes moderation rights. */
export async function setModerator(db: Db, username: string, isModerator: boolean): Promise<SetModeratorResult> {
  const rows = await pg(db)
    .update(accounts)
    .set({ isModerator })
    .where(eq(accounts.username, normalizeUsername(username)))
    .returning({ id: accounts.id });
  return rows.length > 0 ? { ok: true } : { ok: false, code: 'unknown_user' };
}
