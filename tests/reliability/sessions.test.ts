import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '@/lib/db/client';
import { applyChange } from '@/lib/feathers/ledger';
import { Browser, accountId, answer, errorLines, expectTranslated, postPastBusy, signUp, sql } from './support/readers';
import { BASE_PORT, PASSWORD, ensureBuild, freshDatabase, startServer, type Server } from './support/server';

/**
 * Issue 16, "Sessions": against two `node server.mjs` on one database, a cookie
 * that is not a live session of a live account (forged in many ways, expired,
 * signed out, of a deleted account) is a signed-out browser everywhere: no
 * personal data, no write. And a signed-in reader cannot reach another reader's
 * data by putting that reader's ids into any request the site takes.
 */

const SLUG = 'how-ecommerce-operations-work';
const GIFT = 'xinstall-15-day-membership';
const SIGN_IN_REQUIRED = JSON.parse(readFileSync('messages/zh-CN.json', 'utf8')).ActionErrors.sign_in_required as string;

let servers: Server[] = [];
let db: { url: string; drop: () => Promise<void> };
const at = (i: number) => servers[i % servers.length]!.origin;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

beforeAll(async () => {
  ensureBuild();
  db = await freshDatabase('rel_sessions');
  const settings = { DATABASE_URL: db.url, TRUST_PROXY: 'loopback' };
  servers.push(await startServer(BASE_PORT + 2, settings));
  servers.push(await startServer(BASE_PORT + 3, settings));
}, 900_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  await db?.drop();
}, 120_000);

/** Rows of every table a reader's request can write (sessions and rate-limit counters aside). */
async function writable(): Promise<Record<string, number>> {
  const tables = [
    'accounts',
    'favourites',
    'ratings',
    'quiz_attempts',
    'comments',
    'comment_reports',
    'feedback',
    'ledger',
    'redemptions',
    'unlocks',
    'consents',
  ];
  const [row] = await sql<Record<string, number>>(db.url, `select ${tables.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`);
  return row!;
}

/** Sends `cookie` (the whole Cookie header) to `origin` as a browser would. */
const withCookie = (cookie: string) => ({ cookie, 'x-forwarded-for': new Browser().address });

/**
 * What a signed-out browser gets, checked for a Cookie header: reader state without
 * an account, /me and the data export sending it to sign in, and three changes
 * refused with 401 and the translated "sign in first", none of them writing.
 */
async function expectSignedOut(origin: string, cookie: string, notShown: string[] = []) {
  const before = await writable();
  const headers = withCookie(cookie);
  const state = await fetch(`${origin}/api/reader-state?article=${SLUG}`, { headers });
  expect(state.status).toBe(200);
  const stateText = await state.text();
  const body = JSON.parse(stateText) as { account: unknown; article: { favourite: { favourited: boolean } } };
  expect(body.account).toBeNull();
  expect(body.article.favourite.favourited).toBe(false);

  const me = await fetch(`${origin}/me`, { headers, redirect: 'manual' });
  expect([303, 307]).toContain(me.status);
  expect(me.headers.get('location')).toMatch(/\/sign-in\?next=/);
  const exported = await fetch(`${origin}/api/me/export`, { headers, redirect: 'manual' });
  expect(exported.status).toBe(401);
  const exportText = await exported.text();
  const comments = await fetch(`${origin}/api/articles/${SLUG}/comments`, { headers });
  expect(comments.status).toBe(200);
  expect(((await comments.json()) as { mine: unknown[] }).mine).toEqual([]);
  for (const shown of [stateText, exportText]) for (const secret of notShown) expect(shown).not.toContain(secret);

  const changes: [string, Record<string, string>][] = [
    [`/api/articles/${SLUG}/favourite`, { intent: 'add' }],
    [`/api/articles/${SLUG}/comments`, { body: `伪造会话的评论 ${randomBytes(3).toString('hex')}`, acceptRules: 'on' }],
    ['/api/feedback', { kind: 'suggestion', body: '伪造会话的建议' }],
    [`/api/gifts/${GIFT}/redeem`, { key: `forged${randomBytes(12).toString('hex')}` }],
  ];
  for (const [path, form] of changes) {
    const res = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { ...headers, origin, accept: 'application/json' },
      body: new URLSearchParams(form),
    });
    expect(res.status, path).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, code: 'sign_in_required', message: SIGN_IN_REQUIRED });
  }
  expect(await writable()).toEqual(before);
}

describe('cookies that are not a live session sign nobody in', () => {
  it('forged session cookies of every kind, on both instances', async () => {
    const victim = await signUp(at(0));
    const token = victim.browser.jar.get('session')!;
    const device = victim.browser.jar.get('device')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const id = await accountId(db.url, victim.username);
    const [stored] = await sql<{ hash: string }>(db.url, 'select token_hash as hash from sessions where account_id = $1', [id]);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    // A UTF-8 string as the raw bytes a client can put in a header.
    const bytes = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    const forged: [string, string][] = [
      ['random, of the right shape', `session=${randomBytes(32).toString('base64url')}`],
      ['truncated', `session=${token.slice(0, 42)}`],
      ['one character longer', `session=${token}A`],
      ['a byte changed in the middle', `session=${flip(token, 20)}`],
      ['the last character changed', `session=${flip(token, 42)}`],
      ['upper-cased', `session=${token.toUpperCase()}`],
      ['the stored hash instead of the token', `session=${stored!.hash}`],
      ['the device cookie as the session', `session=${device}`],
      ['a signed-cookie format with a made-up signature', `session=s%3A${token}.${randomBytes(32).toString('base64')}`],
      ['an unsigned JWT naming the account', `session=eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ sub: id, accountId: id })).toString('base64url')}.`],
      // (A percent-encoding of the real token is that token: cookie values are percent-decoded.)
      ['percent-encoded bytes outside the token alphabet', `session=${token.slice(0, 40)}%00%0A%FF`],
      ['percent-encoded random bytes', `session=${[...randomBytes(32)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}`],
      ['SQL', `session=${encodeURIComponent("' or '1'='1")}`],
      ['empty', 'session='],
      ['non-ASCII bytes', `session=${bytes('会话令牌🙂')}${token.slice(6)}`],
      ['a look-alike character in the token', `session=${bytes(token.slice(0, 10) + 'а' + token.slice(11))}`],
      ['huge', `session=${'A'.repeat(8000)}`],
      ['two forged ones', `session=${randomBytes(32).toString('base64url')}; session=${randomBytes(32).toString('base64url')}`],
    ];
    for (const [i, [kind, cookie]] of forged.entries()) {
      try {
        await expectSignedOut(at(i), cookie, [victim.username]);
      } catch (error) {
        throw new Error(`forged cookie "${kind}": ${(error as Error).message}`);
      }
    }
    // Past Node's 16 KB header limit: refused before the app, and both instances keep serving.
    for (const i of [0, 1]) {
      const res = await fetch(`${at(i)}/api/reader-state`, { headers: withCookie(`session=${'A'.repeat(20_000)}`) });
      expect(res.status).toBe(431);
    }
    // The real one still works: the checks above can tell a signed-in browser.
    const state = await (await victim.browser.get(at(1), '/api/reader-state')).json();
    expect(state).toMatchObject({ account: { username: victim.username } });
  });

  it('an expired session, on the other instance, and its row is removed', async () => {
    const reader = await signUp(at(0));
    const token = reader.browser.jar.get('session')!;
    await sql(db.url, `update sessions set expires_at = now() - interval '1 second' where token_hash = $1`, [sha256(token)]);
    await expectSignedOut(at(1), `session=${token}`, [reader.username]);
    expect(await sql(db.url, 'select 1 from sessions where token_hash = $1', [sha256(token)])).toEqual([]);
  });

  it('a session replayed after signing out, after signing out everywhere and after a password change', async () => {
    const reader = await signUp(at(0));
    // Signed out on one instance, replayed on the other.
    const first = reader.browser.jar.get('session')!;
    expect((await reader.browser.post(at(0), '/api/auth/sign-out')).status).toBe(200);
    expect(reader.browser.jar.has('session')).toBe(false);
    await expectSignedOut(at(1), `session=${first}`, [reader.username]);
    expect(await sql(db.url, 'select 1 from sessions where token_hash = $1', [sha256(first)])).toEqual([]);

    // Two browsers signed in; one signs out everywhere: the other's cookie is dead too.
    const [one, two] = [new Browser(), new Browser()];
    for (const b of [one, two]) expect((await postPastBusy(b, at(1), '/api/auth/sign-in', { username: reader.username, password: PASSWORD })).status).toBe(200);
    const twoToken = two.jar.get('session')!;
    const oneToken = one.jar.get('session')!;
    expect((await one.post(at(0), '/api/me/sign-out-everywhere')).status).toBe(200);
    await expectSignedOut(at(1), `session=${twoToken}`, [reader.username]);
    await expectSignedOut(at(0), `session=${oneToken}`, [reader.username]);

    // A password change keeps the browser that made it and ends the others.
    const [keeper, other] = [new Browser(), new Browser()];
    for (const b of [keeper, other])
      expect((await postPastBusy(b, at(0), '/api/auth/sign-in', { username: reader.username, password: PASSWORD })).status).toBe(200);
    const changed = await postPastBusy(keeper, at(1), '/api/me/password', { current: PASSWORD, password: 'another horse 9' });
    expect(changed.status).toBe(200);
    await expectSignedOut(at(0), `session=${other.jar.get('session')!}`, [reader.username]);
    expect(await (await keeper.get(at(0), '/api/reader-state')).json()).toMatchObject({ account: { username: reader.username } });
  });

  it('the cookie of a deleted account, including a session written for its tombstone', async () => {
    const reader = await signUp(at(1));
    const id = await accountId(db.url, reader.username);
    const saved = reader.browser.jar.get('session')!;
    const deleted = await postPastBusy(reader.browser, at(0), '/api/me/delete', { password: PASSWORD, confirm: 'on' });
    expect(deleted.status).toBe(200);
    await expectSignedOut(at(1), `session=${saved}`, [reader.username]);
    // A session a sign-in racing the deletion might have written: the tombstone still signs nobody in.
    const late = randomBytes(32).toString('base64url');
    await sql(db.url, `insert into sessions (token_hash, account_id, created_at, expires_at) values ($1, $2, now(), now() + interval '1 day')`, [
      sha256(late),
      id,
    ]);
    await expectSignedOut(at(0), `session=${late}`, [reader.username]);
    await expectSignedOut(at(1), `session=${late}`, [reader.username]);
  });
});

describe('another reader’s ids in a request reach nothing of theirs', () => {
  it('favourites, ledger, redemption codes, pending comments, notifications, 建议反馈 and the data export stay the owner’s', async () => {
    const victim = await signUp(at(0));
    const attacker = await signUp(at(1));
    const moderator = await signUp(at(0));
    const [victimId, attackerId, moderatorId] = (await Promise.all([victim, attacker, moderator].map((r) => accountId(db.url, r.username)))) as [
      number,
      number,
      number,
    ];
    await sql(db.url, 'update accounts set is_moderator = true where id = $1', [moderatorId]);
    const handle = await openDb({ url: db.url });
    try {
      for (const id of [victimId, attackerId]) await applyChange(handle.db, { accountId: id, delta: 100, reason: 'grant', reference: `sessions:${id}` });
    } finally {
      await handle.close();
    }

    // The victim's own things: a favourite, a rating, a redemption, comments pending, approved and rejected, a message.
    const v = victim.browser;
    expect((await v.post(at(0), `/api/articles/${SLUG}/favourite`, { intent: 'add' })).status).toBe(200);
    expect((await v.post(at(1), `/api/articles/${SLUG}/rating`, { stars: '4' })).status).toBe(200);
    const key = `victim${randomBytes(12).toString('hex')}`;
    const redeemed = await answer(await v.post(at(0), `/api/gifts/${GIFT}/redeem`, { key }));
    expect(redeemed.status).toBe(200);
    const code = (redeemed.body.redemption as { code: string }).code;
    const bodies = ['受害者待审核的评论', '受害者将被通过的评论', '受害者将被拒绝的评论'].map((b) => `${b} ${randomBytes(3).toString('hex')}`);
    const commentIds: number[] = [];
    for (const body of bodies) {
      const posted = await answer(await v.post(at(1), `/api/articles/${SLUG}/comments`, { body, acceptRules: 'on' }));
      expect(posted.status).toBe(200);
      commentIds.push((posted.body.comment as { id: number }).id);
    }
    const [pendingId, approvedId, rejectedId] = commentIds as [number, number, number];
    const m = moderator.browser;
    expect((await m.post(at(0), '/api/moderation/review', { action: 'approve', ids: String(approvedId) })).status).toBe(200);
    expect((await m.post(at(1), '/api/moderation/review', { action: 'reject', ids: String(rejectedId), reason: 'spam' })).status).toBe(200);
    const message = `受害者的私人建议 ${randomBytes(3).toString('hex')}`;
    const sent = await answer(await v.post(at(0), '/api/feedback', { kind: 'suggestion', body: message }));
    expect(sent.status).toBe(200);
    const feedbackId = sent.body.id as number;
    const notes = await sql<{ id: number }>(db.url, 'select id::int as id from notifications where account_id = $1 order by id', [victimId]);
    expect(notes.length).toBeGreaterThan(0);
    const secrets = [victim.username, code, bodies[0]!, bodies[2]!, message];
    const victimRows = async () => ({
      favourites: await sql(db.url, 'select article_slug from favourites where account_id = $1', [victimId]),
      ratings: await sql(db.url, 'select stars from ratings where account_id = $1', [victimId]),
      ledger: await sql(db.url, 'select delta, reason, reference from ledger where account_id = $1 order by id', [victimId]),
      redemptions: await sql(db.url, 'select code, idempotency_key from redemptions where account_id = $1', [victimId]),
      comments: await sql(db.url, 'select id, status from comments where account_id = $1 order by id', [victimId]),
      notifications: await sql(db.url, 'select id, seen_at from notifications where account_id = $1 order by id', [victimId]),
      feedback: await sql(db.url, 'select id, status, answer from feedback where account_id = $1', [victimId]),
      bans: await sql(db.url, 'select 1 from comment_bans where account_id = $1', [victimId]),
      account: await sql(db.url, 'select username, feathers, deleted_at, password_hash from accounts where id = $1', [victimId]),
    });
    const before = await victimRows();

    // The victim's ids, in every way a request can carry them.
    const a = attacker.browser;
    const ids = { account: String(victimId), accountId: String(victimId), id: String(victimId), username: victim.username, user: victim.username };
    const query = new URLSearchParams(ids).toString();

    // Reads: reader state, the comments with "mine", the data export, the reader's pages.
    for (const i of [0, 1]) {
      const state = await a.get(at(i), `/api/reader-state?article=${SLUG}&${query}`);
      const text = await state.text();
      expect(JSON.parse(text)).toMatchObject({ account: { username: attacker.username }, article: { favourite: { favourited: false } } });
      const listed = await a.get(at(i), `/api/articles/${SLUG}/comments?${query}`);
      const listedText = await listed.text();
      expect((JSON.parse(listedText) as { mine: unknown[] }).mine).toEqual([]);
      const exported = await a.get(at(i), `/api/me/export?${query}`);
      expect(exported.status).toBe(200);
      const exportText = await exported.text();
      expect(JSON.parse(exportText)).toMatchObject({ account: { username: attacker.username } });
      for (const path of [`/me?${query}`, `/me/settings?${query}`, `/mall?${query}`]) {
        const page = await a.get(at(i), path);
        expect(page.status, path).toBe(200);
        // The page carries its own URL in its payload: the victim's name in the query is no data of theirs.
        const html = (await page.text()).replaceAll(`=${victim.username}`, '=');
        if (path.startsWith('/me?')) expect(html).toContain(attacker.username);
        for (const secret of secrets) expect(html, `${path} shows ${secret}`).not.toContain(secret);
      }
      for (const shown of [text, exportText]) for (const secret of secrets) expect(shown).not.toContain(secret);
      // The approved comment is public, its author's name with it; nothing else of the victim's is listed.
      expect(listedText).toContain(bodies[1]!);
      for (const secret of secrets.slice(1)) expect(listedText).not.toContain(secret);
    }

    // Changes naming the victim's things: refused, or done to the attacker's own.
    const refusals: [string, Record<string, string | string[]>, number, string][] = [
      ['/api/feedback', { kind: 'comment_appeal', commentId: String(rejectedId), body: '申诉别人的评论' }, 404, 'unknown_comment'],
      [`/api/comments/${pendingId}/report`, { reason: 'spam' }, 404, 'unknown_comment'],
      [`/api/comments/${rejectedId}/report`, { reason: 'spam' }, 404, 'unknown_comment'],
      ['/api/moderation/review', { action: 'approve', ids: String(pendingId) }, 404, 'not_found'],
      ['/api/moderation/review', { action: 'reject', ids: [String(pendingId), String(approvedId)], reason: 'spam' }, 404, 'not_found'],
      ['/api/moderation/feedback', { id: String(feedbackId), action: 'answer', answer: '已处理' }, 404, 'not_found'],
      ['/api/moderation/ban', { accountId: String(victimId), days: '7', reason: 'spam' }, 404, 'not_found'],
    ];
    for (const [i, [path, form, status, code]] of refusals.entries()) {
      const refused = await answer(await a.post(at(i), path, { ...ids, ...form }));
      expect(refused.status, path).toBe(status);
      expectTranslated(refused.body, 'ActionErrors', code);
    }
    // The victim's idempotency key redeems for the attacker, never returns the victim's code.
    const own = await answer(await a.post(at(1), `/api/gifts/${GIFT}/redeem`, { ...ids, key }));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ repeated: false });
    expect((own.body.redemption as { code: string }).code).not.toBe(code);
    // These act on the session's account whatever the form says.
    const upTo = String(notes.at(-1)!.id);
    for (const [path, form] of [
      [`/api/articles/${SLUG}/favourite`, { intent: 'remove' }],
      [`/api/articles/${SLUG}/rating`, { stars: '1' }],
      ['/api/notifications/seen', { upTo }],
      ['/api/me/consent', { accept: 'on', documents: 'terms' }],
    ] as const) {
      const done = await a.post(at(0), path, { ...ids, ...form });
      expect(done.status, path).toBe(200);
    }
    expect(await victimRows()).toEqual(before);
    // Signing out everywhere and deleting, with the victim's ids in the form, end only the attacker's.
    expect((await a.post(at(0), '/api/me/sign-out-everywhere', ids)).status).toBe(200);
    expect(await (await v.get(at(1), '/api/reader-state')).json()).toMatchObject({ account: { username: victim.username } });
    expect((await postPastBusy(a, at(0), '/api/auth/sign-in', { username: attacker.username, password: PASSWORD })).status).toBe(200);
    expect((await postPastBusy(a, at(1), '/api/me/delete', { ...ids, password: PASSWORD, confirm: 'on' })).status).toBe(200);
    expect(await sql(db.url, 'select deleted_at is not null as gone from accounts where id = $1', [attackerId])).toEqual([{ gone: true }]);
    const victimAfter = await v.get(at(0), '/api/reader-state');
    expect(await victimAfter.json()).toMatchObject({ account: { username: victim.username } });
    expect(await victimRows()).toEqual(before);
  });

  it('the servers logged no error beyond the hasher’s busy answers', () => {
    for (const s of servers) expect(errorLines(s.output())).toEqual([]);
  });
});
