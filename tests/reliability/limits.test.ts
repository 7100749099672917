import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_FAILURES, DEVICE_FAILURES, USERNAME_FAILURES } from '@/lib/auth/accounts';
import { SETTINGS_PASSWORD_FAILURES } from '@/lib/account/manage';
import { COMMENT_LIMIT } from '@/lib/comments/comments';
import { openDb } from '@/lib/db/client';
import { QUIZ_REWARD, REFERRAL_REWARD, SHARE_READ_CAP, SHARE_READ_REWARD } from '@/lib/feathers/amounts';
import { applyChange } from '@/lib/feathers/ledger';
import { FEEDBACK_LIMIT } from '@/lib/feedback/feedback';
import { Browser, accountId, answer, errorLines, expectRetryAfter, expectTranslated, postPastBusy, signUp, sql, tally } from './support/readers';
import { BASE_PORT, PASSWORD, ensureBuild, freshDatabase, startServer, type Server } from './support/server';

/**
 * Issue 16, "Limits across instances": two `node server.mjs` on one PostgreSQL
 * database with the real limits, each test's requests sent at once and alternating
 * between the instances, so a limit kept in one process's memory would let twice
 * its number through. Each limit: exactly the allowed number is answered, the rest
 * are refused with the documented status and a translated message, and the
 * database holds exactly the allowed rows.
 */

// The limits a site runs with when nobody sets them (lib/env.ts's defaults).
const LIMIT_SETTINGS = ['SIGN_UPS_PER_ADDRESS_HOUR', 'SIGN_UPS_PER_ADDRESS_DAY', 'REFERRALS_PER_ADDRESS_DAY', 'SHARE_READS_PER_ADDRESS_DAY'] as const;
for (const name of LIMIT_SETTINGS) delete process.env[name];
const { env, limits } = await import('@/lib/env');

const SLUG = 'how-ecommerce-operations-work';
const GIFT = 'xinstall-15-day-membership';
/** The gift's price and stock as content/gifts.md sets them. */
const giftTerms = (() => {
  const gifts = readFileSync('content/gifts.md', 'utf8');
  const block = gifts.slice(gifts.indexOf(`id: ${GIFT}`)).split(/\n\s*- id:/)[0]!;
  return { price: Number(/price: (\d+)/.exec(block)![1]), stock: Number(/stock: (\d+)/.exec(block)![1]) };
})();

let servers: Server[] = [];
let db: { url: string; drop: () => Promise<void> };
/** The instances in turn: request i goes to instance i % 2. */
const at = (i: number) => servers[i % servers.length]!.origin;

beforeAll(async () => {
  ensureBuild();
  db = await freshDatabase('rel_limits');
  const settings = {
    DATABASE_URL: db.url,
    TRUST_PROXY: 'loopback',
    ...Object.fromEntries(LIMIT_SETTINGS.map((name) => [name, String(env[name])])),
  };
  // One after the other: the first applies the migrations, the second finds them done.
  servers.push(await startServer(BASE_PORT, settings));
  servers.push(await startServer(BASE_PORT + 1, settings));
}, 900_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  await db?.drop();
}, 120_000);

describe('limits and caps hold in total across two instances on one database', () => {
  it('sign-ups per address: the hour’s allowance is answered, the rest get 429 and no account', async () => {
    const address = new Browser().address;
    const names = Array.from({ length: limits.signUps.perHour + 3 }, () => `s${randomBytes(5).toString('hex')}`);
    const answers = await Promise.all(
      names.map(async (username, i) =>
        answer(await postPastBusy(new Browser(address), at(i), '/api/auth/sign-up', { username, password: PASSWORD, consent: 'on' })),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: limits.signUps.perHour, 429: 3 });
    for (const refused of answers.filter((a) => a.status === 429)) {
      expectTranslated(refused.body, 'AuthErrors', 'sign_up_limited');
      expectRetryAfter(refused, 3600);
    }
    const made = await sql<{ n: number }>(db.url, 'select count(*)::int as n from accounts where username = any($1)', [names]);
    expect(made[0]!.n).toBe(limits.signUps.perHour);
    // Refusals are taken back from the count: the counter holds exactly the sign-ups made.
    const counters = await sql<{ count: number }>(db.url, 'select count from rate_limits where key = $1', [`signup:hour:${address}`]);
    expect(counters).toEqual([{ count: limits.signUps.perHour }]);
    // A new address is not held up by this one.
    await signUp(at(1));
  });

  it('wrong passwords per username from new browsers: the allowance, then the account is locked for them, not for its owner’s browser', async () => {
    const owner = await signUp(at(0));
    const tries = USERNAME_FAILURES.limit + 3;
    // Each guess from a browser and address of its own, so only the username's counter can stop them.
    const answers = await Promise.all(
      Array.from({ length: tries }, async (_, i) =>
        answer(await postPastBusy(new Browser(), at(i), '/api/auth/sign-in', { username: owner.username, password: `wrong ${i} horse` })),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 401: USERNAME_FAILURES.limit, 429: 3 });
    for (const refused of answers.filter((a) => a.status === 401)) expectTranslated(refused.body, 'AuthErrors', 'invalid_credentials');
    for (const refused of answers.filter((a) => a.status === 429)) {
      expectTranslated(refused.body, 'AuthErrors', 'account_locked');
      expectRetryAfter(refused, USERNAME_FAILURES.windowSeconds);
    }
    // Even the right password, from a new browser on either instance, is refused now…
    for (const i of [0, 1]) {
      const locked = await answer(await postPastBusy(new Browser(), at(i), '/api/auth/sign-in', { username: owner.username, password: PASSWORD }));
      expect(locked.status).toBe(429);
      expectTranslated(locked.body, 'AuthErrors', 'account_locked');
    }
    const counters = await sql<{ count: number }>(db.url, 'select count from rate_limits where key = $1', [`signin:user:${owner.username}`]);
    expect(counters).toEqual([{ count: USERNAME_FAILURES.limit }]);
    // …but the browser that signed up (its device cookie) still signs in, on either instance.
    for (const i of [0, 1])
      expect((await postPastBusy(owner.browser, at(i), '/api/auth/sign-in', { username: owner.username, password: PASSWORD })).status).toBe(200);
  });

  it('wrong passwords per device cookie: the allowance, then that browser is refused while another signs in', async () => {
    const owner = await signUp(at(1));
    const tries = DEVICE_FAILURES.limit + 3;
    // Copies of the one browser (its cookies and address), guessing at once on both instances.
    const answers = await Promise.all(
      Array.from({ length: tries }, async (_, i) => {
        const copy = new Browser(owner.browser.address);
        for (const [k, v] of owner.browser.jar) copy.jar.set(k, v);
        return answer(await postPastBusy(copy, at(i), '/api/auth/sign-in', { username: owner.username, password: `wrong ${i} horse` }));
      }),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 401: DEVICE_FAILURES.limit, 429: 3 });
    for (const refused of answers.filter((a) => a.status === 429)) {
      expectTranslated(refused.body, 'AuthErrors', 'rate_limited');
      expectRetryAfter(refused, DEVICE_FAILURES.windowSeconds);
    }
    const right = await answer(await postPastBusy(owner.browser, at(0), '/api/auth/sign-in', { username: owner.username, password: PASSWORD }));
    expect(right.status).toBe(429);
    expectTranslated(right.body, 'AuthErrors', 'rate_limited');
    // Guesses on the device's counter did not lock the username for other browsers.
    expect((await postPastBusy(new Browser(), at(1), '/api/auth/sign-in', { username: owner.username, password: PASSWORD })).status).toBe(200);
  });

  it('wrong passwords per address: the allowance across many usernames, then that address is refused', async () => {
    const address = new Browser().address;
    const tries = ADDRESS_FAILURES.limit + 4;
    const statuses: number[] = [];
    const refusals: { code?: string; message?: string }[] = [];
    // Four at a time (every guess costs a password hash), each for a name nobody has.
    for (let start = 0; start < tries; start += 4) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(4, tries - start) }, async (_, j) =>
          answer(await postPastBusy(new Browser(address), at(start + j), '/api/auth/sign-in', { username: `nobody${start + j}x`, password: 'wrong horse 1' })),
        ),
      );
      for (const a of batch) {
        statuses.push(a.status);
        if (a.status === 429) refusals.push(a.body);
      }
    }
    expect(tally(statuses)).toEqual({ 401: ADDRESS_FAILURES.limit, 429: 4 });
    for (const refused of refusals) expectTranslated(refused, 'AuthErrors', 'rate_limited');
    const counters = await sql<{ count: number }>(db.url, 'select count from rate_limits where key = $1', [`signin:addr:${address}`]);
    expect(counters).toEqual([{ count: ADDRESS_FAILURES.limit }]);
  });

  it('wrong current passwords in settings: the allowance per account, then even the right one is refused and the password stays', async () => {
    const reader = await signUp(at(0));
    const id = await accountId(db.url, reader.username);
    const [before] = await sql<{ hash: string }>(db.url, 'select password_hash as hash from accounts where id = $1', [id]);
    const tries = SETTINGS_PASSWORD_FAILURES.limit + 3;
    const answers = await Promise.all(
      Array.from({ length: tries }, async (_, i) =>
        answer(await postPastBusy(reader.browser, at(i), '/api/me/password', { current: `wrong ${i} horse`, password: 'brand new horse 2' })),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 403: SETTINGS_PASSWORD_FAILURES.limit, 429: 3 });
    for (const refused of answers.filter((a) => a.status === 403)) expectTranslated(refused.body, 'AuthErrors', 'wrong_password');
    for (const refused of answers.filter((a) => a.status === 429)) {
      expectTranslated(refused.body, 'AuthErrors', 'rate_limited');
      expectRetryAfter(refused, SETTINGS_PASSWORD_FAILURES.windowSeconds);
    }
    const right = await answer(await postPastBusy(reader.browser, at(1), '/api/me/password', { current: PASSWORD, password: 'brand new horse 2' }));
    expect(right.status).toBe(429);
    const [after] = await sql<{ hash: string }>(db.url, 'select password_hash as hash from accounts where id = $1', [id]);
    expect(after!.hash).toBe(before!.hash);
    expect(await sql(db.url, 'select count from rate_limits where key = $1', [`settings:password:${id}`])).toEqual([
      { count: SETTINGS_PASSWORD_FAILURES.limit },
    ]);
  });

  it('comments per reader: the window’s allowance is stored, the rest get 429 and no row', async () => {
    const reader = await signUp(at(1));
    const id = await accountId(db.url, reader.username);
    const tries = COMMENT_LIMIT.count + 3;
    const answers = await Promise.all(
      Array.from({ length: tries }, async (_, i) =>
        answer(
          await reader.browser.post(at(i), `/api/articles/${SLUG}/comments`, {
            body: `跨实例限流测试 ${i} ${randomBytes(4).toString('hex')}`,
            acceptRules: 'on',
          }),
        ),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: COMMENT_LIMIT.count, 429: 3 });
    for (const refused of answers.filter((a) => a.status === 429)) {
      expectTranslated(refused.body, 'ActionErrors', 'comment_rate_limited');
      expectRetryAfter(refused, COMMENT_LIMIT.windowSeconds);
    }
    const [stored] = await sql<{ n: number }>(db.url, 'select count(*)::int as n from comments where account_id = $1', [id]);
    expect(stored!.n).toBe(COMMENT_LIMIT.count);
  });

  it('建议反馈 per reader: the window’s allowance is stored, the rest get 429 and no row', async () => {
    const reader = await signUp(at(0));
    const id = await accountId(db.url, reader.username);
    const tries = FEEDBACK_LIMIT.count + 3;
    const answers = await Promise.all(
      Array.from({ length: tries }, async (_, i) =>
        answer(await reader.browser.post(at(i), '/api/feedback', { kind: 'suggestion', body: `建议 ${i}：希望多一些案例。` })),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: FEEDBACK_LIMIT.count, 429: 3 });
    for (const refused of answers.filter((a) => a.status === 429)) {
      expectTranslated(refused.body, 'ActionErrors', 'feedback_rate_limited');
      expectRetryAfter(refused, FEEDBACK_LIMIT.windowSeconds);
    }
    const [stored] = await sql<{ n: number }>(db.url, 'select count(*)::int as n from feedback where account_id = $1', [id]);
    expect(stored!.n).toBe(FEEDBACK_LIMIT.count);
  });

  it('the quiz pays once: the right answer sent six times at once on both instances', async () => {
    // A first reader's answer says which option is right.
    const first = await signUp(at(0));
    const told = await answer(await first.browser.post(at(0), `/api/articles/${SLUG}/quiz`, { choice: '1' }));
    const right = String(told.body.answer);
    const reader = await signUp(at(1));
    const id = await accountId(db.url, reader.username);
    const answers = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => answer(await reader.browser.post(at(i), `/api/articles/${SLUG}/quiz`, { choice: right }))),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 1, 409: 5 });
    expect(answers.find((a) => a.status === 200)!.body).toMatchObject({ correct: true, awarded: QUIZ_REWARD });
    for (const refused of answers.filter((a) => a.status === 409)) expectTranslated(refused.body, 'ActionErrors', 'quiz_answered');
    expect(await sql(db.url, `select delta from ledger where account_id = $1 and reason = 'quiz'`, [id])).toEqual([{ delta: QUIZ_REWARD }]);
    expect(await sql(db.url, 'select feathers from accounts where id = $1', [id])).toEqual([{ feathers: QUIZ_REWARD }]);
    expect(await sql(db.url, 'select correct from quiz_attempts where account_id = $1', [id])).toEqual([{ correct: true }]);
  });

  it('share reads: at most the cap per sharer and article, and at most the daily cap per visiting address', async () => {
    const referralCode = async (browser: Browser) =>
      ((await (await browser.get(at(0), '/api/reader-state')).json()) as { account: { referralCode: string } }).account.referralCode;
    const sharer = await signUp(at(0));
    const ref = await referralCode(sharer.browser);
    // Distinct signed-out readers, each from an address of its own.
    const paying = SHARE_READ_CAP / SHARE_READ_REWARD;
    const visits = await Promise.all(
      Array.from({ length: paying + 3 }, async (_, i) => answer(await new Browser().post(at(i), '/api/share-visits', { article: SLUG, ref }))),
    );
    expect(visits.map((v) => v.status)).toEqual(visits.map(() => 200));
    expect(visits.filter((v) => v.body.counted === true)).toHaveLength(paying);
    const sharerId = await accountId(db.url, sharer.username);
    const [earned] = await sql<{ sum: number; n: number }>(
      db.url,
      `select coalesce(sum(delta), 0)::int as sum, count(*)::int as n from ledger where account_id = $1 and reason = 'share_read'`,
      [sharerId],
    );
    expect(earned).toEqual({ sum: SHARE_READ_CAP, n: paying });
    expect(await sql(db.url, 'select count(*)::int as n from share_visits where sharer_id = $1', [sharerId])).toEqual([{ n: paying }]);

    // One address visiting many sharers' links (each sharer under its own cap): the address's cap holds.
    const perDay = limits.rewards.shareReadsPerDay;
    const sharers: Awaited<ReturnType<typeof signUp>>[] = [];
    for (let i = 0; i < perDay + 2; i++) sharers.push(await signUp(at(i)));
    const refs = await Promise.all(sharers.map((s) => referralCode(s.browser)));
    const address = new Browser().address;
    const fromOne = await Promise.all(refs.map(async (r, i) => answer(await new Browser(address).post(at(i), '/api/share-visits', { article: SLUG, ref: r }))));
    expect(fromOne.filter((v) => v.status === 200 && v.body.counted === true)).toHaveLength(perDay);
    const ids = await Promise.all(sharers.map((s) => accountId(db.url, s.username)));
    const [paid] = await sql<{ n: number }>(db.url, `select count(*)::int as n from ledger where account_id = any($1) and reason = 'share_read'`, [ids]);
    expect(paid!.n).toBe(perDay);
    expect(await sql(db.url, 'select count(*)::int as n from share_visits where sharer_id = any($1)', [ids])).toEqual([{ n: perDay }]);
  });

  it('referrals: sign-ups through one share link from one address pay the sharer at most the daily cap', async () => {
    const sharer = await signUp(at(1));
    const sharerId = await accountId(db.url, sharer.username);
    const ref = ((await (await sharer.browser.get(at(1), '/api/reader-state')).json()) as { account: { referralCode: string } }).account.referralCode;
    // A signed-out visit through the link leaves the server's proof of it in the browser.
    const visitor = new Browser();
    expect((await visitor.post(at(0), '/api/share-visits', { article: SLUG, ref })).status).toBe(200);
    const proof = visitor.jar.get('ref');
    expect(proof).toBeTruthy();
    // As many sign-ups as the address may make in an hour, each carrying that proof, at once on both instances.
    const perDay = limits.rewards.referralsPerDay;
    const count = Math.min(limits.signUps.perHour, perDay + 2);
    expect(count).toBeGreaterThan(perDay);
    const address = new Browser().address;
    const names = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const browser = new Browser(address);
        browser.jar.set('ref', proof!);
        return (await signUp(at(i), browser)).username;
      }),
    );
    const [referred] = await sql<{ n: number }>(db.url, 'select count(*)::int as n from accounts where referred_by = $1 and username = any($2)', [
      sharerId,
      names,
    ]);
    expect(referred!.n).toBe(perDay);
    const [paid] = await sql<{ sum: number; n: number }>(
      db.url,
      `select coalesce(sum(delta), 0)::int as sum, count(*)::int as n from ledger where account_id = $1 and reason = 'referral'`,
      [sharerId],
    );
    expect(paid).toEqual({ sum: perDay * REFERRAL_REWARD, n: perDay });
  });

  it('gift stock: redemptions at once from several readers on both instances stop at the stock, and the books balance', async () => {
    const readers: Awaited<ReturnType<typeof signUp>>[] = [];
    for (let i = 0; i < 4; i++) readers.push(await signUp(at(i)));
    const ids = await Promise.all(readers.map((r) => accountId(db.url, r.username)));
    // Enough feathers for more than the stock, granted through the ledger as the operator's grant does.
    const each = Math.ceil(((giftTerms.stock + 20) * giftTerms.price) / readers.length);
    const handle = await openDb({ url: db.url });
    try {
      for (const id of ids) await applyChange(handle.db, { accountId: id, delta: each, reason: 'grant', reference: `limits:${id}` });
    } finally {
      await handle.close();
    }
    const tries = giftTerms.stock + 10;
    const statuses: number[] = [];
    const codes: string[] = [];
    const soldOut: { code?: string; message?: string }[] = [];
    // Ten in flight at a time, each a new idempotency key, reader and instance in turn.
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < tries) {
          const i = next++;
          const res = await answer(
            await readers[i % readers.length]!.browser.post(at(i), `/api/gifts/${GIFT}/redeem`, { key: `limits${randomBytes(12).toString('hex')}` }),
          );
          statuses.push(res.status);
          if (res.status === 200) codes.push((res.body.redemption as { code: string }).code);
          if (res.status === 409) soldOut.push(res.body);
        }
      }),
    );
    expect(tally(statuses)).toEqual({ 200: giftTerms.stock, 409: 10 });
    for (const refused of soldOut) expectTranslated(refused, 'ActionErrors', 'out_of_stock');
    expect(new Set(codes).size).toBe(giftTerms.stock);
    expect(await sql(db.url, 'select count(*)::int as n from redemptions where gift_id = $1', [GIFT])).toEqual([{ n: giftTerms.stock }]);
    expect(await sql(db.url, 'select redeemed from gift_stock where gift_id = $1', [GIFT])).toEqual([{ redeemed: giftTerms.stock }]);
    // Each balance is its ledger's sum, and together they paid exactly the stock's price.
    const books = await sql<{ feathers: number; sum: number }>(
      db.url,
      'select a.feathers, (select coalesce(sum(delta), 0)::int from ledger l where l.account_id = a.id) as sum from accounts a where a.id = any($1)',
      [ids],
    );
    for (const b of books) expect(b.feathers).toBe(b.sum);
    expect(books.reduce((total, b) => total + b.feathers, 0)).toBe(each * readers.length - giftTerms.stock * giftTerms.price);
  });

  it('the servers logged no error beyond the hasher’s busy answers', () => {
    for (const s of servers) expect(errorLines(s.output())).toEqual([]);
  });
});
