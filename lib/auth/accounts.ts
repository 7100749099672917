import { randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts } from '../db/schema';
import { pg } from './db';
import { hashPassword, verifyPassword } from './passwords';
import { consumeAttempt, resetAttempts } from './rate-limit';
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

export type SignUpResult = { ok: true; account: Account } | { ok: false; code: 'username_taken' };
export type SignInResult =
  | { ok: true; account: Account }
  | { ok: false; code: 'invalid_credentials' }
  | { ok: false; code: 'rate_limited'; retryAfterSeconds: number };
export type SetModeratorResult = { ok: true } | { ok: false; code: 'unknown_user' };

/** Sign-in attempts allowed per username: 5 in 15 minutes (a success clears the count). */
export const USERNAME_ATTEMPTS = { limit: 5, windowSeconds: 15 * 60 } as const;
/** Sign-in attempts allowed per client address (an IPv6 /64 counts as one): 20 in 15 minutes. */
// Generous: many mobile readers in China share one carrier-NAT address.
export const ADDRESS_ATTEMPTS = { limit: 100, windowSeconds: 15 * 60 } as const;

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
const DUMMY_HASH = 'scrypt$32768$8$1$8j3BcLmX/QEGyQ2mxkDjrw==$/XMYA7WjPwYUZvAsYGZBE8YImsl1AiLW+ixWzjtciW8=';

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

/**
 * Creates an account. Throws a ZodError when the credentials fail `Credentials`
 * (validate the form with it first); the username is stored normalised.
 */
export async function signUp(db: Db, input: { username: string; password: string }): Promise<SignUpResult> {
  const { username, password } = Credentials.parse(input);
  const passwordHash = await hashPassword(password);
  for (let attempt = 0; ; attempt++) {
    try {
      // ON CONFLICT on the username: of concurrent sign-ups, the database lets exactly one insert.
      const [account] = await pg(db)
        .insert(accounts)
        .values({ username, passwordHash, referralCode: newReferralCode() })
        .onConflictDoNothing({ target: accounts.username })
        .returning(accountColumns);
      return account ? { ok: true, account } : { ok: false, code: 'username_taken' };
    } catch (error) {
      // A referral code collision (one in 2^50 per existing account): draw another.
      if (attempt < 5 && isUniqueViolation(error, 'accounts_referral_code_unique')) continue;
      throw error;
    }
  }
}

/** The key a client address is counted under; IPv6 by its /64, which one client usually holds whole. */
export function addressKey(clientAddress: string): string {
  let address = clientAddress.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1]) address = mapped[1];
  if (isIPv4(address)) return `signin:addr:${address}`;
  if (isIPv6(address)) {
    const [head = '', tail = ''] = address.replace(/%.*$/, '').split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = address.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
    return `signin:addr:${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
  }
  return `signin:addr:${address.slice(0, 100)}`;
}

/**
 * Checks a username and password. Every attempt is counted first, per username and
 * per client address, and refused beyond the limits; a success clears the username's count.
 */
export async function signIn(
  db: Db,
  input: { username: string; password: string; clientAddress: string; now?: Date },
): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const username = Username.safeParse(input.username);
  const password = Password.safeParse(input.password);
  // A username that cannot exist is not counted under its own key (nor stored), only under the address.
  const userKey = username.success ? `signin:user:${username.data}` : undefined;
  const checks = await Promise.all([
    consumeAttempt(db, addressKey(input.clientAddress), { ...ADDRESS_ATTEMPTS, now }),
    ...(userKey ? [consumeAttempt(db, userKey, { ...USERNAME_ATTEMPTS, now })] : []),
  ]);
  const refused = checks.filter((c) => !c.allowed);
  if (refused.length > 0) {
    return { ok: false, code: 'rate_limited', retryAfterSeconds: Math.max(...refused.map((c) => c.retryAfterSeconds)) };
  }

  const [row] = username.success
    ? await pg(db)
        .select({ ...accountColumns, passwordHash: accounts.passwordHash })
        .from(accounts)
        .where(eq(accounts.username, username.data))
    : [];
  // Unknown usernames and impossible passwords still spend one verification, so timing tells nothing.
  const matches = await verifyPassword(password.success ? password.data : '', row?.passwordHash ?? DUMMY_HASH);
  if (!row || !matches || !password.success) return { ok: false, code: 'invalid_credentials' };
  if (userKey) await resetAttempts(db, userKey);
  const { passwordHash: _, ...account } = row;
  return { ok: true, account };
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
