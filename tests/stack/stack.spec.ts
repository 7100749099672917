import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createDatabase, dropDatabase, query } from '../e2e/support/database';
import { admin, apiReader, PASSWORD, post, unique } from '../e2e/support/readers';
import { SLUG, TAG, articlePath } from '../e2e/helpers';
import { STACK_ORIGIN, STACK_PORT, accessLog, alive, stackState, startStack, type RunningStack } from './stack';

// One stack for the whole file, in order: the outage drill and the rebuild change
// what runs. It builds into .next-stack with SITE_URL = its own origin, on a fresh
// database of its own.
test.describe.configure({ mode: 'serial' });

const SIGN_UP_LIMIT = 4;
const messages = (locale: string) => JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'));
// Without its '&', which the HTML escapes.
const NEW_ARTICLE_TITLE = '直播带货：新手该从哪里开始';
const ARTICLE_TITLE = '电商是怎么运营的（做电商的都应该看看）';
let stack: RunningStack | undefined;
let databaseUrl: string;
const stackEnv = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: databaseUrl,
  // Low, so the spoofing test reaches it with a few attempts.
  SIGN_UPS_PER_ADDRESS_HOUR: String(SIGN_UP_LIMIT),
  SIGN_UPS_PER_ADDRESS_DAY: '100',
  ...extra,
});

test.beforeAll(async () => {
  test.setTimeout(420_000);
  databaseUrl = createDatabase('stack');
  // admin() and books() use it.
  process.env.E2E_DATABASE_URL = databaseUrl;
  stack = await startStack(stackEnv());
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await stack?.stop();
  if (databaseUrl) dropDatabase(databaseUrl);
});

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function answers(origin: string) {
  try {
    return (await fetch(`${origin}/robots.txt`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

const instanceUp = (i: number) => async () => {
  const pid = stackState().instances[i]!.pid;
  return alive(pid) && (await answers(`http://127.0.0.1:${STACK_PORT + 1 + i}`));
};

test('two readers signed in at once each see only their own favourite and feathers, on the same cached page', async ({ browser }) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  try {
    const nameA = await apiReader(a.request, STACK_ORIGIN, unique('stacka'));
    const nameB = await apiReader(b.request, STACK_ORIGIN, unique('stackb'));
    expect((await post(a.request, STACK_ORIGIN, `/api/articles/${SLUG}/favourite`, { intent: 'add' })).status()).toBe(200);
    await admin('grant-feathers', nameA, '30', '--reason', 'stack test');

    const [pageA, pageB] = await Promise.all([a.newPage(), b.newPage()]);
    const [resA, resB] = await Promise.all([pageA.goto(articlePath()), pageB.goto(articlePath())]);
    // The page itself is shared: same bytes, and at least the second came from the cache.
    expect(await resA!.body()).toEqual(await resB!.body());
    expect([resA!.headers()['x-cache-status'], resB!.headers()['x-cache-status']]).toContain('HIT');

    const banner = (p: typeof pageA) => p.getByRole('banner');
    // On this shared, often overloaded machine a new database connection can take longer
    // than the app's 3 s connect timeout, and the page then says 账号服务暂时不可用 (as
    // designed); load it again rather than fail on the machine's load.
    const signedIn = async (p: typeof pageA, name: string) =>
      expect(async () => {
        if (await p.getByText('账号服务暂时不可用').isVisible()) await p.reload();
        await expect(banner(p).getByText(`已登录：${name}`)).toBeVisible({ timeout: 5000 });
      }).toPass({ timeout: 60_000 });
    await Promise.all([signedIn(pageA, nameA), signedIn(pageB, nameB)]);
    await expect(banner(pageA).getByText(nameB)).toHaveCount(0);
    await expect(banner(pageB).getByText(nameA)).toHaveCount(0);
    const favourite = (p: typeof pageA) => p.getByRole('region', { name: '收藏与评分' }).getByRole('button', { name: '收藏' });
    await expect(favourite(pageA)).toHaveAttribute('aria-pressed', 'true');
    await expect(favourite(pageB)).toHaveAttribute('aria-pressed', 'false');

    // The personal request passes through nginx uncached, each reader getting their own.
    const [stateA, stateB] = await Promise.all([a.request.get(`/api/reader-state?article=${SLUG}`), b.request.get(`/api/reader-state?article=${SLUG}`)]);
    expect(stateA.headers()['cache-control']).toBe('private, no-store');
    expect(stateA.headers()['x-cache-status']).toBeUndefined();
    const [jsonA, jsonB] = [await stateA.json(), await stateB.json()];
    expect(jsonA.account.username).toBe(nameA);
    expect(jsonB.account.username).toBe(nameB);
    expect(jsonA.account.feathers - jsonB.account.feathers).toBe(30);
    // The balance sits in the header's account menu.
    for (const p of [pageA, pageB]) await banner(p).locator('.account-menu > summary').click();
    await expect(banner(pageA).getByText(`羽毛 ${jsonA.account.feathers}`)).toBeVisible();
    await expect(banner(pageB).getByText(`羽毛 ${jsonB.account.feathers}`)).toBeVisible();
  } finally {
    await a.close();
    await b.close();
  }
});

test("nginx's own 429 carries the app's code and the reader's language", async ({ playwright }) => {
  const request = await playwright.request.newContext();
  try {
    // More share visits at once than the mutation burst (20) lets through.
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        request.post(`${STACK_ORIGIN}/api/share-visits`, {
          form: { ref: 'nobody', article: SLUG },
          headers: { origin: STACK_ORIGIN, accept: 'application/json', referer: `${STACK_ORIGIN}/en/articles/${SLUG}` },
        }),
      ),
    );
    const limited = answers.filter((res) => res.status() === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(await limited[0]!.json()).toEqual({ ok: false, code: 'too_many_requests', message: messages('en').ActionErrors.too_many_requests });
    expect(answers.every((res) => res.status() < 500)).toBe(true);
  } finally {
    await request.dispose();
    // Let the limit's bucket refill (10 a second) before the next test posts.
    await new Promise((r) => setTimeout(r, 3000));
  }
});

test('a client navigation fetches RSC through the cache; RSC and HTML for one URL never mix', async ({ page, request }) => {
  // Navigation in the browser: home → a tag page without a full page load. (Links to
  // an article are plain <a>: its body reaches the browser only as HTML, see README.)
  const rsc: { url: string; headers: Record<string, string> }[] = [];
  page.on('request', (r) => {
    if (r.headers()['rsc'] === '1') rsc.push({ url: r.url(), headers: r.headers() });
  });
  const tagPath = `/tags/${encodeURIComponent(TAG)}`;
  await page.goto('/');
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await page.getByRole('main').getByRole('link', { name: TAG, exact: true }).first().click();
  await expect(page).toHaveURL(tagPath);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TAG);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  const navigation = rsc.find((r) => new URL(r.url).pathname === tagPath);
  expect(navigation, 'the browser asked for the tag page as RSC').toBeTruthy();

  // Replay that exact request: RSC from the cache; the same URL without the headers: HTML.
  const replay = Object.fromEntries(Object.entries(navigation!.headers).filter(([k]) => k === 'rsc' || k.startsWith('next-')));
  const asRsc = await request.get(navigation!.url, { headers: replay });
  expect(asRsc.status()).toBe(200);
  expect(asRsc.headers()['content-type']).toContain('text/x-component');
  expect(asRsc.headers()['x-cache-status']).toBe('HIT');
  const asHtml = await request.get(navigation!.url);
  expect(asHtml.headers()['content-type']).toContain('text/html');
  expect(await asHtml.text()).toContain('<!DOCTYPE html>');

  // And the other order on a URL nothing has asked for yet: HTML first, then RSC, then HTML again.
  const url = `/tags/${encodeURIComponent(TAG)}?_rsc`;
  const order: { headers: Record<string, string>; type: string }[] = [
    { headers: {}, type: 'text/html' },
    { headers: { rsc: '1' }, type: 'text/x-component' },
    { headers: {}, type: 'text/html' },
    { headers: { rsc: '1' }, type: 'text/x-component' },
  ];
  for (const [i, step] of order.entries()) {
    const res = await request.get(url, { headers: step.headers, maxRedirects: 0 });
    expect(res.status(), `step ${i}`).toBe(200);
    expect(res.headers()['content-type'], `step ${i}`).toContain(step.type);
    if (i >= 2) expect(res.headers()['x-cache-status'], `step ${i}`).toBe('HIT');
    // One request id, this request's: never also the id of the request that filled the cache.
    const ids = (await res.headersArray()).filter((h) => h.name.toLowerCase() === 'x-request-id');
    expect(ids, `step ${i}`).toHaveLength(1);
  }
});

test('a spoofed X-Forwarded-For does not reach the app: sign-ups still count against the real address', async ({ playwright }) => {
  const request = await playwright.request.newContext();
  try {
    const statuses: number[] = [];
    // Each attempt claims another address; the app must still see nginx's $remote_addr.
    for (let i = 0; i <= SIGN_UP_LIMIT; i++) {
      const res = await request.post(`${STACK_ORIGIN}/api/auth/sign-up`, {
        form: { username: unique('spoof'), password: PASSWORD, consent: 'on' },
        headers: { origin: STACK_ORIGIN, accept: 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}`, 'x-real-ip': `203.0.113.${i + 1}` },
      });
      statuses.push(res.status());
      if (res.status() === 429) {
        expect((await res.json()).code).toMatch(/^sign_up_limited/);
        break;
      }
    }
    expect(statuses).toContain(429);
    // The limit's counters are keyed on 127.0.0.1 only, never on an address the client wrote.
    const keys = query(databaseUrl, `select key from rate_limits where key like 'signup:%'`).map(([k]) => k!);
    expect(keys).toContain('signup:hour:127.0.0.1');
    expect(keys.some((k) => k.includes('203.0.113'))).toBe(false);
  } finally {
    await request.dispose();
  }
});

test('SIGKILL of one instance while requests flow gives no 5xx, and it is restarted', async () => {
  test.setTimeout(180_000);
  const first = stackState().instances[0]!;
  const paths = [articlePath(), `/api/reader-state?article=${SLUG}`, '/sign-in', `${articlePath()}?_rsc`];
  const statuses: Record<number, number> = {};
  const failures: string[] = [];
  // A response the killed instance was still streaming cannot be saved by any proxy
  // (nginx had passed its headers on): each of the four loops may see its one
  // in-flight request cut at the moment of the kill, and nothing else.
  const cut: string[] = [];
  let killedAt = Number.POSITIVE_INFINITY;
  let running = true;
  const loop = async () => {
    for (let n = 0; running; n++) {
      const path = paths[n % paths.length]!;
      const started = Date.now();
      try {
        const headers: Record<string, string> = path.endsWith('_rsc') ? { rsc: '1' } : {};
        const res = await fetch(`${STACK_ORIGIN}${path}`, { headers });
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 500) failures.push(`${res.status} ${path}`);
      } catch (error) {
        if (started <= killedAt && Date.now() >= killedAt) cut.push(`${path}: ${(error as Error).message}`);
        else failures.push(`${path}: ${(error as Error).message}`);
      }
    }
  };
  const loops = Array.from({ length: 4 }, loop);
  await new Promise((r) => setTimeout(r, 1500));
  killedAt = Date.now();
  process.kill(-first.pid!, 'SIGKILL');
  await waitFor('instance 1 restarted', async () => stackState().instances[0]!.pid !== first.pid && (await instanceUp(0)()));
  await new Promise((r) => setTimeout(r, 1500));
  running = false;
  await Promise.all(loops);
  expect(failures).toEqual([]);
  expect(cut.length).toBeLessThanOrEqual(loops.length);
  expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBeGreaterThan(40);

  // nginx goes back to it once its fail_timeout is over.
  const since = accessLog().length;
  await waitFor(
    'a request answered by the restarted instance',
    async () => {
      await fetch(`${STACK_ORIGIN}/api/reader-state`).then((r) => r.arrayBuffer());
      return accessLog()
        .slice(since)
        .some((l) => String(l.upstream).endsWith(`:${first.port}`) && l.status === 200);
    },
    30_000,
  );
});

test('with both instances stopped the article still answers 200 from the cache; personal requests get 502', async ({ request }) => {
  test.setTimeout(180_000);
  expect((await request.get(articlePath())).headers()['x-cache-status']).toBeDefined(); // cached by now
  stack!.signal('SIGUSR1');
  await waitFor('both instances stopped', () => stackState().instances.every((i) => i.pid === null));
  expect(await answers(`http://127.0.0.1:${STACK_PORT + 1}`)).toBe(false);
  expect(await answers(`http://127.0.0.1:${STACK_PORT + 2}`)).toBe(false);

  const page = await request.get(articlePath());
  expect(page.status()).toBe(200);
  expect(page.headers()['x-cache-status']).toMatch(/HIT|STALE|UPDATING/);
  expect(await page.text()).toContain(ARTICLE_TITLE);
  const personal = await request.get(`/api/reader-state?article=${SLUG}`, { headers: { accept: 'application/json' } });
  expect(personal.status()).toBe(502);
  expect((await personal.json()).code).toBe('unavailable');
  // nginx's own answer speaks the reader's language: the address's locale, or the page that asked.
  const fromTw = await request.get(`/api/reader-state?article=${SLUG}`, {
    headers: { accept: 'application/json', referer: `${STACK_ORIGIN}/zh-TW/articles/${SLUG}` },
  });
  expect(await fromTw.json()).toEqual({ ok: false, code: 'unavailable', message: messages('zh-TW').ActionErrors.unavailable });
  const enPage = await request.get('/en/me');
  expect(enPage.status()).toBe(502);
  expect(await enPage.text()).toContain(messages('en').ActionErrors.unavailable);

  stack!.signal('SIGUSR2');
  await waitFor('both instances back', async () => (await instanceUp(0)()) && (await instanceUp(1)()));
});

test('a restart without changes does not rebuild; a rebuild with a new article empties the page cache', async ({ request }) => {
  test.setTimeout(600_000);
  const home = await request.get('/');
  expect(await home.text()).not.toContain(NEW_ARTICLE_TITLE);
  expect((await request.get('/')).headers()['x-cache-status']).toBe('HIT');
  const oldBuild = stackState().buildId;

  // Same sources and settings: the build is reused.
  await stack!.stop();
  stack = await startStack(stackEnv());
  expect(stack.output()).toContain('build is current');
  expect(stackState().buildId).toBe(oldBuild);
  expect((await request.get('/')).headers()['x-cache-status']).toBe('HIT'); // same key, same cache

  // A deploy with one more article: a new build id, so the cached home page is not served.
  await stack.stop();
  stack = await startStack(stackEnv({ CONTENT_DIR: 'tests/fixtures/content-with-new-article' }));
  expect(stack.output()).toContain('building: sources or settings changed');
  expect(stackState().buildId).not.toBe(oldBuild);
  const fresh = await request.get('/');
  expect(fresh.headers()['x-cache-status']).toBe('MISS');
  expect(await fresh.text()).toContain(NEW_ARTICLE_TITLE);
  expect((await request.get('/articles/private-traffic-and-live-selling')).status()).toBe(200);
});
