import { randomBytes } from 'node:crypto';
import { accountColumns, type Account, type SignUpLimits } from '@/lib/auth/accounts';
import { usernameSkeleton } from '@/lib/account/skeleton';
import { normalizeUsername } from '@/lib/auth/validation';
import type { Db } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';

/** Sign-up arguments for tests that are not about the per-address limits. */
export const ANY_ADDRESS: { address: string; limits: SignUpLimits } = { address: '192.0.2.250', limits: { perHour: 1_000_000, perDay: 1_000_000 } };

// A real hash (scrypt N=2^15, r=8, p=3) of 'correct horse battery', made once:
// tests that are not about passwords need accounts, not 300 ms of hashing each.
const TEST_PASSWORD_HASH = 'scrypt$32768$8$3$qRNfWTK3HIrZ8d8z2k2GiQ==$cE0ICeswDAvrpXUSSsrJ3wZUqvOQAWd82vqWEUFf2Zs=';

/**
 * An account whose password is 'correct horse battery', inserted directly (the
 * sign-up path itself is tested in auth.test.ts and trust-limits.test.ts).
 */
export async function testAccount(db: Db, username: string): Promise<Account> {
  const [account] = await db
    .insert(accounts)
    .values({
      username: normalizeUsername(username),
      usernameSkeleton: usernameSkeleton(username),
      passwordHash: TEST_PASSWORD_HASH,
      referralCode: randomReferralCode(),
    })
    .returning(accountColumns);
  return account!;
}

const randomReferralCode = () => [...randomBytes(10)].map((b) => 'abcdefghijklmnopqrstuvwxyz234567'[b & 31]).join('');
