import type * as Crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { signUp } from '@/lib/auth/accounts';
import { accounts } from '@/lib/db/schema';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';
import { ANY_ADDRESS } from './support/sign-up';

// Referral codes are drawn from randomBytes(10); queue the draws to force a collision.
const draws = vi.hoisted(() => [] as Buffer[]);
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof Crypto>();
  return { ...actual, randomBytes: (size: number) => (size === 10 && draws.length > 0 ? draws.shift()! : actual.randomBytes(size)) };
});

describe.each(BACKENDS)('referral codes on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('draws another code when the first collides', async () => {
    const db = await freshDb();
    const zeros = Buffer.alloc(10, 0); // "aaaaaaaaaa"
    draws.push(zeros, zeros, Buffer.alloc(10, 1));
    const first = await signUp(db, { ...ANY_ADDRESS, username: 'first', password: 'correct horse battery' });
    const second = await signUp(db, { ...ANY_ADDRESS, username: 'second', password: 'correct horse battery' });
    expect(first).toMatchObject({ ok: true, account: { referralCode: 'aaaaaaaaaa' } });
    expect(second).toMatchObject({ ok: true, account: { referralCode: 'bbbbbbbbbb' } });
    expect(draws).toEqual([]);
    expect(await db.select().from(accounts)).toHaveLength(2);
  });
});
