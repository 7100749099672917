import http from 'node:http';
import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import { OPEN_REDIRECT_PAYLOADS } from '../fixtures/open-redirects';
import { SLUG, articlePath } from './helpers';
import { testPort } from './support/ports';
import { createDatabase, dropDatabase, query } from './support/database';
import { PASSWORD, signOutFromHeader, unique } from './support/readers';
import { startServer, type RunningServer } from './support/server';

// Every attack the trust-boundary issue lists, tried over HTTP against servers with
// the real limits on a database of their own:
//  - DIRECT: `npm run serve` exposed as it is (no TRUST_PROXY): the client's own
//    X-Forwarded-For must count for nothing;
//  - PROXIED: the same build with TRUST_PROXY=loopback, as behind nginx: the
//    right-most X-Forwarded-For hop is the client, so one test machine can play
//    many readers, as many phones would.
const DEFAULT_LIMITS = { SIGN_UPS_PER_ADDRESS_HOUR: '5', SIGN_UPS_PER_ADDRESS_DAY: '20', REFERRALS_PER_ADDRESS_DAY: '3', SHARE_READS_PER_ADDRESS_DAY: '6' };
const DIRECT_PORT = testPort(3210);
const PROXIED_PORT = testPort(3211);
const DIRECT = `http://127.0.0.1:${DIRECT_PORT}`;
const PROXIED = `http://127.0.0.1:${PROXIED_PORT}`;

let databaseUrl = '';
let servers: RunningServer[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  databaseUrl = createDatabase('security');
  servers = await Promise.all([
    startServer(DIRECT_PORT, { ...DEFAULT_LIMITS, DATABASE_URL: databaseUrl, TRUST_PROXY: '' }),
    startServer(PROXIED_PORT, { ...DEFAULT_LIMITS, DATABASE_URL: databaseUrl, TRUST_PROXY: 'loopback' }),
  ]);
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  if (databaseUrl) dropDatabase(databaseUrl);
});

const sql = (text: string) => query(databaseUrl, text);
const count = (table: string, where = 'true') => Number(sql(`select count(*) from ${table} where ${where}`)[0]![0]);
const balance = (username: string) => Number(sql(`select feathers from accounts where username = '${username}'`)[0]?.[0] ?? NaN);
const ledgerSum = (username: string, reason?: string) =>
  Number(
    sql(
      `select coalesce(sum(delta), 0) from ledger l join accounts a on a.id = l.account_id where a.username = '${username}'${reason ? ` and l.reason = '${reason}'` : ''}`,
    )[0]![0],
  );
/** What an attack could change: accounts, the ledger and the balances. */
const snapshot = () => ({
  accounts: count('accounts'),
  ledger: count('ledger'),
  feathers: Number(sql('select coalesce(sum(feathers), 0) from accounts')[0]![0]),
});

/** A browser-like client of `origin`, at `address` when the server trusts the proxy in front. */
async function client(playwright: PlaywrightWorkerArgs['playwright'], origin: string, address?: string): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL: origin, extraHTTPHeaders: { origin, ...(address ? { 'x-forwarded-for': address } : {}) } });
}

const json = { accept: 'application/json' };

async function signUp(c: APIRequestContext, username = unique('sec'), headers: Record<string, string> = {}) {
  return c.post('/api/auth/sign-up', { form: { username, password: PASSWORD, consent: 'on' }, headers: { ...json, ...headers }, maxRedirects: 0 });
}

async function referralCode(c: APIRequestContext): Promise<string> {
  return (await (await c.get('/api/reader-state')).json()).account.referralCode;
}

test('minting through referrals: spoofed addresses and hand-made ref cookies earn nothing, and sign-ups stop at 5 an hour', async ({ playwright }) => {
  const sharer = unique('minter');
  const sharerClient = await client(playwright, DIRECT);
  expect((await signUp(sharerClient, sharer)).status()).toBe(200);
  const code = await referralCode(sharerClient);
  const before = snapshot();
  const statuses: number[] = [];
  for (let i = 1; i <= 6; i++) {
    const throwaway = await client(playwright, DIRECT);
    const res = await signUp(throwaway, unique('throw'), { cookie: `ref=${code}`, 'x-forwarded-for': `203.0.113.${i}` });
    statuses.push(res.status());
    if (res.status() === 429) {
      const body = await res.json();
      expect(body).toMatchObject({ ok: false, code: 'sign_up_limited' });
      expect(body.message).toMatch(/^当前网络注册的账号过多，请 \d+ 分钟后再试。$/);
      expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
    }
    await throwaway.dispose();
  }
  // One address (the socket's): the sharer's sign-up and four more make five; then 429.
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  expect(balance(sharer)).toBe(0);
  expect(ledgerSum(sharer)).toBe(0);
  expect(snapshot()).toEqual({ ...before, accounts: before.accounts + 4 });
  // The spoofed header was never taken for an address.
  expect(count('rate_limits', `key like '%203.0.113.%'`)).toBe(0);
  await sharerClient.dispose();
});

test('behind a trusted proxy the right-most untrusted X-Forwarded-For hop is the client', async ({ playwright }) => {
  const c = await client(playwright, PROXIED, '198.51.100.1, 203.0.113.200');
  expect((await signUp(c)).status()).toBe(200);
  expect(count('rate_limits', `key = 'signup:hour:203.0.113.200'`)).toBe(1);
  expect(count('rate_limits', `key like '%198.51.100.1'`)).toBe(0);
  await c.dispose();
});

test('a real share visit is needed for a referral, and one address earns at most 3 a day', async ({ playwright }) => {
  const sharer = unique('sharer');
  const sharerClient = await client(playwright, PROXIED, '192.0.2.10');
  expect((await signUp(sharerClient, sharer)).status()).toBe(200);
  const code = await referralCode(sharerClient);
  // One machine (198.51.100.50) opens the link in four fresh browsers and signs up in each.
  for (let i = 0; i < 4; i++) {
    const visitor = await client(playwright, PROXIED, '198.51.100.50');
    const visit = await visitor.post('/api/share-visits', { form: { article: SLUG, ref: code }, headers: json });
    expect(visit.status()).toBe(200);
    expect((await visitor.storageState()).cookies.find((c) => c.name === 'ref')?.value).toMatch(new RegExp(`^${code}\\.\\d+\\.[A-Za-z0-9_-]{43}$`));
    expect((await signUp(visitor)).status()).toBe(200);
    await visitor.dispose();
  }
  expect(ledgerSum(sharer, 'referral')).toBe(30);
  // Share reads of the same machine: +5 each up to the sharer's +15.
  expect(ledgerSum(sharer, 'share_read')).toBe(15);
  // Referring oneself: the sharer's own browser, signed out, opening the link and making an alt.
  await sharerClient.post('/api/auth/sign-out', { form: {}, headers: json });
  const own = await sharerClient.post('/api/share-visits', { form: { article: SLUG, ref: code }, headers: { ...json, 'x-forwarded-for': '192.0.2.11' } });
  expect(await own.json()).toMatchObject({ counted: false, awarded: 0 });
  expect((await signUp(sharerClient, unique('alt'), { 'x-forwarded-for': '192.0.2.11' })).status()).toBe(200);
  expect(ledgerSum(sharer, 'referral')).toBe(30);
  expect(balance(sharer)).toBe(ledgerSum(sharer));
  await sharerClient.dispose();
});

test('farming share reads: one address pays at most 6 share-read rewards a day, across sharers', async ({ playwright }) => {
  const sharers: string[] = [];
  const codes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await client(playwright, PROXIED, `192.0.2.${20 + i}`);
    sharers.push(unique(`farm${i}`));
    expect((await signUp(s, sharers[i])).status()).toBe(200);
    codes.push(await referralCode(s));
    await s.dispose();
  }
  // A script without cookies: every request looks like a new reader, from one machine.
  for (const code of codes) {
    for (let v = 0; v < 3; v++) {
      const script = await client(playwright, PROXIED, '198.51.100.60');
      expect((await script.post('/api/share-visits', { form: { article: SLUG, ref: code }, headers: json })).status()).toBe(200);
      await script.dispose();
    }
  }
  const total = sharers.reduce((sum, s) => sum + ledgerSum(s, 'share_read'), 0);
  expect(total).toBe(30);
  for (const s of sharers) expect(balance(s)).toBe(ledgerSum(s));
});

test('the intended path still pays: one person shares, three friends read (+15), one signs up (+10)', async ({ playwright }) => {
  const sharer = unique('honest');
  const s = await client(playwright, PROXIED, '192.0.2.30');
  expect((await signUp(s, sharer)).status()).toBe(200);
  const code = await referralCode(s);
  for (let i = 1; i <= 3; i++) {
    const friend = await client(playwright, PROXIED, `100.64.0.${i}`);
    expect((await friend.post('/api/share-visits', { form: { article: SLUG, ref: code }, headers: json })).status()).toBe(200);
    if (i === 3) expect((await signUp(friend)).status()).toBe(200);
    await friend.dispose();
  }
  expect(balance(sharer)).toBe(25);
  expect(ledgerSum(sharer)).toBe(25);
  await s.dispose();
});

test('guessing a password locks out unknown browsers only: the owner’s browser still gets in', async ({ playwright }) => {
  const owner = unique('owner');
  const ownerBrowser = await client(playwright, PROXIED, '192.0.2.40');
  expect((await signUp(ownerBrowser, owner)).status()).toBe(200);
  await ownerBrowser.post('/api/auth/sign-out', { form: {}, headers: json });
  const before = snapshot();

  const attacker = await client(playwright, PROXIED, '198.51.100.70');
  const tries: number[] = [];
  for (let i = 0; i < 7; i++)
    tries.push((await attacker.post('/api/auth/sign-in', { form: { username: owner, password: `guess ${i}` }, headers: json })).status());
  expect(tries).toEqual([401, 401, 401, 401, 401, 429, 429]);
  const locked = await attacker.post('/api/auth/sign-in', { form: { username: owner, password: PASSWORD }, headers: json });
  expect(locked.status()).toBe(429);
  expect(await locked.json()).toMatchObject({ code: 'account_locked' });

  const inside = await ownerBrowser.post('/api/auth/sign-in', { form: { username: owner, password: PASSWORD }, headers: json });
  expect(inside.status()).toBe(200);
  expect((await (await ownerBrowser.get('/api/reader-state')).json()).account.username).toBe(owner);
  expect(snapshot()).toEqual(before);
  await Promise.all([attacker.dispose(), ownerBrowser.dispose()]);
});

test('open redirects: no return path leads off the site, from any form', async ({ playwright }) => {
  test.setTimeout(240_000);
  const name = unique('redir');
  const reader = await client(playwright, PROXIED, '192.0.2.50');
  expect((await signUp(reader, name)).status()).toBe(200);
  const stays = (location: string | undefined, origin = PROXIED) => {
    expect(location, 'a Location header').toBeTruthy();
    const url = new URL(location!, origin);
    expect(url.origin, `${location} leaves the site`).toBe(origin);
  };
  const anonymous = await client(playwright, PROXIED, '192.0.2.51');
  for (const [i, next] of OPEN_REDIRECT_PAYLOADS.entries()) {
    const form = { username: name, password: PASSWORD, next };
    // Sign-in (success and failure), sign-out, and the redirect to sign in of a signed-out state change.
    stays((await reader.post('/api/auth/sign-in', { form, maxRedirects: 0 })).headers().location);
    stays((await anonymous.post('/api/auth/sign-in', { form: { ...form, password: 'wrong password' }, maxRedirects: 0 })).headers().location);
    stays((await anonymous.post(`/api/articles/${SLUG}/favourite`, { form: { intent: 'add', next }, maxRedirects: 0 })).headers().location);
    // A state change posted without JavaScript, answered with 303 to `next`…
    stays((await reader.post(`/api/articles/${SLUG}/favourite`, { form: { intent: i % 2 ? 'add' : 'remove', next }, maxRedirects: 0 })).headers().location);
    // …or with a message page whose link goes back to `next`.
    const page = await reader.post(`/api/articles/${SLUG}/rating`, { form: { stars: '9', next }, maxRedirects: 0 });
    expect(page.status()).toBe(400);
    stays(/<a href="([^"]*)"/.exec(await page.text())?.[1]?.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))));
    stays((await reader.post('/api/auth/sign-out', { form: { next }, maxRedirects: 0 })).headers().location);
    // Sign-up, from an address of its own each time (5 an hour per address).
    const newcomer = await client(playwright, PROXIED, `10.99.${Math.floor(i / 200)}.${i % 200}`);
    stays(
      (await newcomer.post('/api/auth/sign-up', { form: { username: unique('nx'), password: PASSWORD, consent: 'on', next }, maxRedirects: 0 })).headers()
        .location,
    );
    await newcomer.dispose();
  }
  await Promise.all([reader.dispose(), anonymous.dispose()]);
});

/** Posts `bytes` of form body to `path`, with or without a Content-Length, and says how it was answered. */
function postLarge(path: string, bytes: number, withLength: boolean): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const headers: Record<string, string | number> = { origin: DIRECT, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };
    if (withLength) headers['content-length'] = bytes;
    const req = http.request(`${DIRECT}${path}`, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ms: Date.now() - started });
      req.destroy();
    });
    req.on('error', (e) => (e.message.includes('socket hang up') || e.message.includes('EPIPE') || e.message.includes('ECONNRESET') ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

test('a 50 MB body is refused with 413 within a second, with or without Content-Length, while the article keeps answering', async ({ request }) => {
  const before = snapshot();
  const article = (async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await request.get(`${DIRECT}${articlePath()}`)).status());
    return statuses;
  })();
  for (const path of ['/api/auth/sign-in', '/api/auth/sign-up', `/api/articles/${SLUG}/comments`, '/api/share-visits']) {
    for (const withLength of [true, false]) {
      const { status, ms } = await postLarge(path, 50 * 1024 * 1024, withLength);
      expect(status, `${path} ${withLength ? 'with' : 'without'} Content-Length`).toBe(413);
      expect(ms).toBeLessThan(1000);
    }
  }
  expect(await article).toEqual(Array(10).fill(200));
  const translated = await request.post(`${DIRECT}/api/auth/sign-up`, {
    data: 'x='.padEnd(20_000, 'y'),
    headers: { origin: DIRECT, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(translated.status()).toBe(413);
  expect((await translated.json()).message).toBe('提交的内容太大了。');
  expect(snapshot()).toEqual(before);
});

test('a malformed URL in any dynamic segment is a 4xx, never a 5xx', async ({ playwright }) => {
  const bad = '%E0%A4%A';
  const reader = await client(playwright, PROXIED, '192.0.2.60');
  expect((await signUp(reader)).status()).toBe(200);
  const pages = [
    `/articles/${bad}`,
    `/zh-TW/articles/${bad}`,
    `/en/articles/${bad}`,
    `/tags/${bad}`,
    `/en/tags/${bad}`,
    `/authors/${bad}`,
    `/zh-TW/authors/${bad}`,
    `/qr/zh-CN/${bad}`,
    `/qr/${bad}/${SLUG}`,
    `/${bad}`,
    `/en/${bad}/x`,
    `/zh-TW/${bad}`,
  ];
  const apis = [
    `/api/articles/${bad}/comments`,
    `/api/articles/${bad}/favourite`,
    `/api/articles/${bad}/paid`,
    `/api/articles/${bad}/quiz`,
    `/api/articles/${bad}/rating`,
    `/api/articles/${bad}/unlock`,
    `/api/comments/${bad}/report`,
    `/api/gifts/${bad}/redeem`,
  ];
  const answers: string[] = [];
  for (const path of [...pages, ...apis]) {
    for (const method of ['GET', 'POST'] as const) {
      const res = await reader.fetch(path, { method, ...(method === 'POST' ? { form: { x: '1' } } : {}), headers: json });
      answers.push(`${method} ${path} ${res.status()}`);
      expect(res.status(), `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status(), `${method} ${path}`).toBeLessThan(500);
    }
  }
  const page = await reader.get(`/en/articles/${bad}`);
  expect(page.status()).toBe(400);
  expect(await page.text()).toContain('This link is malformed');
  expect((await (await reader.get(`/api/gifts/${bad}/redeem`)).json()).message).toBe('这个链接的格式有误，可能没有复制完整。请检查后重试。');
  await reader.dispose();
});

test('forged and malformed cookies sign the reader out instead of failing', async ({ playwright }) => {
  const c = await client(playwright, DIRECT);
  for (const session of ['%E0%A4%A', 'x'.repeat(43), 'garbage', '%C3%BF%00', '']) {
    const state = await c.get('/api/reader-state', { headers: { cookie: `session=${session}; device=%E0%A4%A; visitor=%zz` } });
    expect(state.status()).toBe(200);
    expect((await state.json()).account).toBeNull();
    const change = await c.post(`/api/articles/${SLUG}/favourite`, { form: { intent: 'add' }, headers: { ...json, cookie: `session=${session}` } });
    expect(change.status()).toBe(401);
  }
  await c.dispose();
});

test.describe('in the browser', () => {
  test('the owner’s browser signs in while the username is guessed elsewhere; a new browser is told why it cannot', async ({ browser, playwright }) => {
    const owner = unique('device');
    const ownerContext = await browser.newContext({ baseURL: PROXIED, extraHTTPHeaders: { 'x-forwarded-for': '192.0.2.70' } });
    const page = await ownerContext.newPage();
    await page.goto('/sign-up');
    await page.getByLabel('用户名').fill(owner);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('checkbox', { name: /用户协议/ }).check();
    await page.getByRole('button', { name: '注册并登录' }).click();
    await expect(page.getByRole('banner').getByText(`已登录：${owner}`)).toBeVisible();
    await signOutFromHeader(page);

    // Someone elsewhere guesses the password until the username is locked.
    const guesser = await client(playwright, PROXIED, '198.51.100.80');
    for (let i = 0; i < 6; i++) await guesser.post('/api/auth/sign-in', { form: { username: owner, password: `guess ${i}` }, headers: json });
    await guesser.dispose();

    // A browser the owner never used: refused, with the reason and what to do, in the page.
    const stranger = await browser.newContext({ baseURL: PROXIED, extraHTTPHeaders: { 'x-forwarded-for': '192.0.2.71' } });
    const strangerPage = await stranger.newPage();
    await strangerPage.goto('/sign-in');
    await strangerPage.getByLabel('用户名').fill(owner);
    await strangerPage.getByLabel('密码').fill(PASSWORD);
    await strangerPage.getByRole('button', { name: '登录' }).click();
    await expect(strangerPage.locator('#auth-error')).toHaveText(/该账号近期登录失败次数过多.*请 \d+ 分钟后再试，或在以前登录过的设备上登录。/);

    // The owner's own browser is let in.
    await page.goto(`/sign-in?next=${encodeURIComponent(articlePath())}`);
    await page.getByLabel('用户名').fill(owner);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(articlePath());
    await expect(page.getByRole('banner').getByText(`已登录：${owner}`)).toBeVisible();
    await Promise.all([ownerContext.close(), stranger.close()]);
  });

  test('each refusal shows its translated message in the page', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: PROXIED, extraHTTPHeaders: { 'x-forwarded-for': '192.0.2.72' } });
    const page = await context.newPage();
    // The form's own alert (Next's route announcer is another).
    const signUpAs = async (name: string, path = '/sign-up', button = '注册并登录') => {
      await page.goto(path);
      await page.getByRole('textbox', { name: /用户名|Username/ }).fill(name);
      await page.getByLabel(/密码|Password/).fill(PASSWORD);
      await page.getByRole('checkbox', { name: /用户协议|User Agreement/ }).check();
      await page.getByRole('button', { name: button }).click();
    };
    await signUpAs('аdmin'); // a Cyrillic а
    // A message about the username sits beside it and describes it.
    await expect(page.getByRole('textbox', { name: '用户名' })).toHaveAccessibleDescription(/^用户名不能混用容易混淆的文字（如拉丁字母与西里尔字母）。/);
    await signUpAs('ad\u200bmin');
    await expect(page.getByRole('textbox', { name: '用户名' })).toHaveAccessibleDescription(/^用户名只能包含文字、数字和下划线。/);
    for (let i = 0; i < 5; i++) {
      await signUpAs(unique('limit'));
      await expect(page.getByRole('banner').getByText('已登录：')).toBeVisible();
    }
    await signUpAs(unique('limit'));
    await expect(page.locator('#auth-error')).toHaveText(/^当前网络注册的账号过多，请 \d+ 分钟后再试。$/);
    await signUpAs(unique('limit'), '/en/sign-up', 'Sign up and sign in');
    await expect(page.locator('#auth-error')).toHaveText(/^Too many accounts were created from this network\. Try again in \d+ min\.$/);
    await context.close();
  });
});
