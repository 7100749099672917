import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signIn, signUp, type SignUpLimits } from '@/lib/auth/accounts';
import { readDeviceTokens } from '@/lib/auth/device';
import type { Db } from '@/lib/db/client';
import { accounts, ledger, rateLimits } from '@/lib/db/schema';
import { getBalance, getLedgerSum } from '@/lib/feathers/ledger';
import { creditReferral, recordShareVisit } from '@/lib/feathers/rewards';
import { referralProof, verifyReferralProof } from '@/lib/feathers/visitor';
import { addressKey } from '@/lib/http/address';
import { BACKENDS } from './support/databases';
import { perTestDatabasePair } from './support/per-test-database';
import { testAccount } from './support/sign-up';

const PASSWORD = 'correct horse battery';
const SLUG = 'how-ecommerce-operations-work';
const LIMITS: SignUpLimits = { perHour: 5, perDay: 20 };
const t0 = new Date('2030-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const reader = testAccount;

describe.each(BACKENDS)('per-address limits and reward caps on %s, from two instances', (backend) => {
  const freshDbs = perTestDatabasePair(backend);

  it('allows 5 sign-ups an hour and 20 a day from one address, counted before hashing, shared by every instance', async () => {
    const [a, b] = await freshDbs();
    const address = addressKey('203.0.113.5');
    const up = (db: Db, username: string, now: Date) => signUp(db, { username, password: PASSWORD, address, limits: LIMITS, now });
    // Five at once, alternating instances: all pass; the sixth is refused with the time to wait.
    const first = await Promise.all(Array.from({ length: 5 }, (_, i) => up(i % 2 ? a : b, `first${i}`, t0)));
    expect(first.every((r) => r.ok)).toBe(true);
    expect(await up(b, 'sixth', at(600))).toEqual({ ok: false, code: 'sign_up_limited', retryAfterSeconds: 3000 });
    const hourCount = async () =>
      a
        .select()
        .from(rateLimits)
        .where(eq(rateLimits.key, `signup:hour:${address}`));
    // A refusal is not kept in the count; a name already taken is (it is answered without a hash).
    expect(await hourCount()).toEqual([{ key: `signup:hour:${address}`, windowStart: t0, count: 5 }]);
    expect(await up(a, 'first0', at(3600))).toEqual({ ok: false, code: 'username_taken' });
    expect(await hourCount()).toEqual([{ key: `signup:hour:${address}`, windowStart: at(3600), count: 1 }]);
    // Hour after hour, until the day's 20.
    for (let hour = 1; hour < 4; hour++) {
      for (let i = hour === 1 ? 1 : 0; i < 5; i++) expect(await up(hour % 2 ? a : b, `h${hour}n${i}`, at(hour * 3600 + i))).toMatchObject({ ok: true });
    }
    expect(await up(a, 'toomany', at(4 * 3600))).toMatchObject({ ok: false, code: 'sign_up_limited', retryAfterSeconds: 20 * 3600 });
    // Another address is not affected; nothing but the 20 accounts was created.
    expect(
      await signUp(b, { username: 'elsewhere', password: PASSWORD, address: addressKey('198.51.100.1'), limits: LIMITS, now: at(4 * 3600) }),
    ).toMatchObject({ ok: true });
    expect(await a.select({ id: accounts.id }).from(accounts)).toHaveLength(20);
  });

  it('counts an IPv6 /64 as one address', async () => {
    const [a, b] = await freshDbs();
    for (let i = 1; i <= 5; i++) {
      expect(
        await signUp(i % 2 ? a : b, { username: `six${i}`, password: PASSWORD, address: addressKey(`2001:db8:1:2::${i}`), limits: LIMITS, now: t0 }),
      ).toMatchObject({ ok: true });
    }
    expect(await signUp(a, { username: 'six6', password: PASSWORD, address: addressKey('2001:db8:1:2:ffff::9'), limits: LIMITS, now: t0 })).toMatchObject({
      code: 'sign_up_limited',
    });
  });

  it('pays at most 3 referral rewards a day from one address, across sharers and instances', async () => {
    const [a, b] = await freshDbs();
    const sharers = [await reader(a, 'sharer1'), await reader(a, 'sharer2')];
    const newcomers = await Promise.all(Array.from({ length: 6 }, (_, i) => reader(b, `newcomer${i}`)));
    const from = { address: addressKey('203.0.113.77'), perDay: 3, now: t0 };
    const paid = await Promise.all(newcomers.map((n, i) => creditReferral(i % 2 ? a : b, n.id, sharers[i % 2]!.referralCode, from)));
    expect(paid.filter(Boolean)).toHaveLength(3);
    const total = (await getBalance(a, sharers[0]!.id)) + (await getBalance(a, sharers[1]!.id));
    expect(total).toBe(30);
    // The next day the address may refer again.
    const later = await reader(a, 'tomorrow');
    expect(await creditReferral(b, later.id, sharers[0]!.referralCode, { ...from, now: at(86400) })).not.toBeNull();
    for (const s of sharers) expect(await getLedgerSum(a, s.id)).toBe(await getBalance(a, s.id));
  });

  it('pays nothing for referring oneself: the sharer is an account this browser signed in as', async () => {
    const [a, b] = await freshDbs();
    const sharer = await reader(a, 'sharer');
    const signedIn = await signIn(a, { username: 'sharer', password: PASSWORD, address: addressKey('203.0.113.1') });
    if (!signedIn.ok) throw new Error('sign-in failed');
    const own = (await readDeviceTokens(b, signedIn.deviceCookie)).map((t) => t.accountId);
    const alt = await reader(b, 'alt');
    expect(await creditReferral(b, alt.id, sharer.referralCode, { address: addressKey('203.0.113.1'), perDay: 3, excludeSharers: own })).toBeNull();
    expect(await getBalance(a, sharer.id)).toBe(0);
    // Nor did the refused attempt count against the address.
    expect(
      await a
        .select()
        .from(rateLimits)
        .where(eq(rateLimits.key, `reward:referral:${addressKey('203.0.113.1')}`)),
    ).toEqual([]);
  });

  it('pays at most 6 share-read rewards a day from one address, across sharers, articles and instances', async () => {
    const [a, b] = await freshDbs();
    const sharers = await Promise.all(['s1', 's2', 's3'].map((n) => reader(a, n)));
    const address = addressKey('198.51.100.20');
    // Three sharers, three fresh "visitors" each (a script dropping its cookies), all from one machine.
    const visits = sharers.flatMap((s, i) =>
      ['x', 'y', 'z'].map((v) =>
        recordShareVisit(i % 2 ? a : b, {
          referralCode: s.referralCode,
          articleSlug: SLUG,
          visitorKey: `v:${s.id}${v}`,
          visitorAccountId: null,
          address,
          perDay: 6,
          now: t0,
        }),
      ),
    );
    const results = await Promise.all(visits);
    expect(results.reduce((sum, r) => sum + r.awarded, 0)).toBe(30);
    const rewards = await a.select().from(ledger).where(eq(ledger.reason, 'share_read'));
    expect(rewards).toHaveLength(6);
    // The intended path from another address still pays: three friends read (+15).
    const friends = await Promise.all(
      ['f1', 'f2', 'f3'].map((v, i) =>
        recordShareVisit(a, {
          referralCode: sharers[0]!.referralCode,
          articleSlug: 'another-article',
          visitorKey: `v:${v}`,
          visitorAccountId: null,
          address: addressKey(`192.0.2.${i + 1}`),
          perDay: 6,
          now: t0,
        }),
      ),
    );
    expect(friends.map((r) => r.awarded)).toEqual([5, 5, 5]);
    for (const s of sharers) expect(await getLedgerSum(a, s.id)).toBe(await getBalance(a, s.id));
  });

  it('accepts only referral proofs the server signed, for 30 days', async () => {
    const [a, b] = await freshDbs();
    const proof = await referralProof(a, 'abcdefghij', t0);
    // Signed on one instance, checked on the other: the key lives in the database.
    expect(await verifyReferralProof(b, proof, at(60))).toBe('abcdefghij');
    expect(await verifyReferralProof(b, proof, at(31 * 86400))).toBeNull();
    expect(await verifyReferralProof(b, 'abcdefghij', t0)).toBeNull(); // the bare code a script writes
    expect(await verifyReferralProof(b, proof.replace('abcdefghij', 'zzzzzzzzzz'), t0)).toBeNull();
    expect(await verifyReferralProof(b, proof.replace(/\.\d+\./, `.${Math.floor(t0.getTime() / 1000) + 5}.`), t0)).toBeNull();
    expect(await verifyReferralProof(b, undefined, t0)).toBeNull();
  });
});
