import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { SLUG, articlePath, expectNoSeriousA11yViolations, waitForHydration } from './helpers';
import { PASSWORD, apiReader as signUpApi, post as postFrom, signOutFromHeader, signUpThroughUi, unique } from './support/readers';

const apiReader = (request: APIRequestContext, origin: string) => signUpApi(request, origin);
const post = (request: APIRequestContext, origin: string, path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  postFrom(request, origin, path, form, headers);

// The e2e server starts on an empty database (playwright.config.ts), and this file is
// the only one that favourites or rates, in order: the counts are exact.
test.describe.configure({ mode: 'serial' });

const actions = (page: Page) => page.getByRole('region', { name: '收藏与评分' });
const favouriteButton = (page: Page) => actions(page).getByRole('button', { name: '收藏' });

async function readerIn(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpThroughUi(page, name);
  return { context, page };
}

test('sign up → favourite → rate → reload shows both → sign out → sign in → still there', async ({ page }) => {
  const name = unique('fan');
  await signUpThroughUi(page, name);
  await waitForHydration(page);
  const region = actions(page);
  await expect(region.getByText('0 人收藏')).toBeVisible();
  await expect(region.getByText('综合评分：暂无评分')).toBeVisible();
  await expect(favouriteButton(page)).toHaveAttribute('aria-pressed', 'false');

  await favouriteButton(page).click();
  await expect(favouriteButton(page)).toHaveAttribute('aria-pressed', 'true');
  await expect(region.getByText('1 人收藏')).toBeVisible();

  // The stars are a radio group: focus one and move with the arrow keys.
  const group = region.getByRole('group', { name: '我的评分' });
  await group.getByRole('radio', { name: '3 星' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(group.getByRole('radio', { name: '4 星' })).toBeChecked();
  // Resting on a star saves it: no submit button with JavaScript.
  await expect(region.getByRole('status')).toHaveText('已评 4 星');
  await expect(region.getByText('综合评分 4.0 分（1 人评分）')).toBeVisible();

  await page.reload();
  await expect(favouriteButton(page)).toHaveAttribute('aria-pressed', 'true');
  await expect(region.getByText('1 人收藏')).toBeVisible();
  await expect(region.getByText('已评 4 星')).toBeVisible();
  await expect(group.getByRole('radio', { name: '4 星' })).toBeChecked();

  const header = page.getByRole('banner');
  await signOutFromHeader(page);
  await expect(favouriteButton(page)).toHaveAttribute('aria-pressed', 'false');
  await expect(region.getByText('轻点星星即可评分')).toBeVisible();

  await header.getByRole('link', { name: '登录' }).click();
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(articlePath());
  await expect(favouriteButton(page)).toHaveAttribute('aria-pressed', 'true');
  await expect(region.getByText('已评 4 星')).toBeVisible();

  // /me lists the favourite, and the reader can change the rating.
  await header.locator('.account-menu > summary').click();
  await header.getByRole('link', { name: '我的' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '我的' })).toBeVisible();
  await expect(page.getByText(`账号：${name}`)).toBeVisible();
  await expect(page.getByRole('link', { name: '电商是怎么运营的（做电商的都应该看看）' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, { label: '/me' });

  await page.goto(articlePath());
  await expect(region.getByText('已评 4 星')).toBeVisible();
  await group.getByRole('radio', { name: '5 星' }).check();
  await expect(region.getByText('综合评分 5.0 分（1 人评分）')).toBeVisible();
  await expect(region.getByText('已评 5 星')).toBeVisible();
});

test("a second reader's rating changes 综合评分 for everyone", async ({ browser, page }) => {
  await page.goto(articlePath());
  await expect(actions(page).getByText('综合评分 5.0 分（1 人评分）')).toBeVisible();

  const second = await readerIn(browser, unique('second'));
  await actions(second.page).getByRole('radio', { name: '1 星' }).check();
  await expect(actions(second.page).getByText('综合评分 3.0 分（2 人评分）')).toBeVisible();
  await second.context.close();

  await page.reload();
  await expect(actions(page).getByText('综合评分 3.0 分（2 人评分）')).toBeVisible();
});

test('two readers rating at the same moment both count; a double-clicked favourite is one', async ({ browser, page }) => {
  const [a, b] = await Promise.all([readerIn(browser, unique('ra')), readerIn(browser, unique('rb'))]);
  // One tap each, at the same moment: the tap is the submit.
  await Promise.all([a, b].map((r) => actions(r.page).getByRole('radio', { name: '2 星' }).check()));
  for (const r of [a, b]) await expect(actions(r.page).getByRole('status')).toHaveText('已评 2 星');
  // Before: 5 and 1; now also 2 and 2 → 10 / 4 = 2.5. (The one answered first may have seen 3.)
  for (const r of [a, b]) {
    await r.page.reload();
    await expect(actions(r.page).getByText('综合评分 2.5 分（4 人评分）')).toBeVisible();
  }

  await expect(actions(a.page).getByText('1 人收藏')).toBeVisible();
  await favouriteButton(a.page).dblclick();
  await a.page.reload();
  await expect(favouriteButton(a.page)).toHaveAttribute('aria-pressed', 'true');
  await expect(actions(a.page).getByText('2 人收藏')).toBeVisible();
  await Promise.all([a.context.close(), b.context.close()]);

  await page.goto(articlePath());
  await expect(actions(page).getByText('2 人收藏')).toBeVisible();
});

test('ten concurrent favourite requests from one reader make one favourite', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL: baseURL! });
  await apiReader(request, baseURL!);
  const responses = await Promise.all(Array.from({ length: 10 }, () => post(request, baseURL!, `/api/articles/${SLUG}/favourite`, { intent: 'add' })));
  for (const r of responses) expect(r.status()).toBe(200);
  const state = await (await request.get(`/api/reader-state?article=${SLUG}`)).json();
  expect(state.article.favourite).toEqual({ favourited: true, count: 3 });
  // Taking it back leaves the count where it was.
  expect((await (await post(request, baseURL!, `/api/articles/${SLUG}/favourite`, { intent: 'remove' })).json()).favourite).toEqual({
    favourited: false,
    count: 2,
  });
  await request.dispose();
});

test('a signed-out reader who favourites is asked to sign in over the page; 注册 on its own page comes back to the control', async ({ page }) => {
  await page.goto(articlePath());
  await waitForHydration(page);
  await expect(actions(page).getByText('2 人收藏')).toBeVisible();
  await favouriteButton(page).click();
  const sheet = page.getByRole('dialog', { name: '登录' });
  await expect(sheet).toContainText('登录后即可收藏');
  await expect(page).toHaveURL(articlePath());
  await sheet.getByRole('link', { name: '注册' }).click();
  await expect(page).toHaveURL(`/sign-up?next=${encodeURIComponent(`${articlePath()}#reader-actions`)}`);
  await expect(page.getByRole('heading', { level: 1, name: '注册' })).toBeVisible();
  await page.getByLabel('用户名').fill(unique('late'));
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /用户协议/ }).check();
  await page.getByRole('button', { name: '注册并登录' }).click();
  await expect(page).toHaveURL(`${articlePath()}#reader-actions`);
  await expect(favouriteButton(page)).toHaveAttribute('aria-pressed', 'false');
});

test('bad values, a foreign origin and no session each get a 4xx with a message and change nothing', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL: baseURL! });
  const signedOut = await post(anonymous, baseURL!, `/api/articles/${SLUG}/rating`, { stars: '4' });
  expect(signedOut.status()).toBe(401);
  expect(await signedOut.json()).toMatchObject({ code: 'sign_in_required', message: '请先登录。', signInUrl: `/sign-in?next=%2F` });
  await anonymous.dispose();

  const request = await playwright.request.newContext({ baseURL: baseURL! });
  await apiReader(request, baseURL!);
  const before = (await (await request.get(`/api/reader-state?article=${SLUG}`)).json()).article;
  for (const stars of ['0', '6', '2.5', 'five', '', '1e1']) {
    const res = await post(request, baseURL!, `/api/articles/${SLUG}/rating`, { stars, locale: 'zh-TW' });
    expect(res.status(), `stars=${stars}`).toBe(400);
    expect((await res.json()).message).toBe('評分須為 1 到 5 星的整數。');
  }
  const unknownIntent = await post(request, baseURL!, `/api/articles/${SLUG}/favourite`, { intent: 'toggle', locale: 'en' });
  expect(unknownIntent.status()).toBe(400);
  expect((await unknownIntent.json()).message).toBe('The form was not valid.');
  const unknownArticle = await post(request, baseURL!, '/api/articles/no-such-article/rating', { stars: '3' });
  expect(unknownArticle.status()).toBe(404);
  expect((await unknownArticle.json()).message).toBe('没有这篇文章。');
  const forged = await post(request, baseURL!, `/api/articles/${SLUG}/rating`, { stars: '3' }, { origin: 'https://evil.example' });
  expect(forged.status()).toBe(403);
  const noOrigin = await request.post(`/api/articles/${SLUG}/favourite`, { form: { intent: 'add' }, maxRedirects: 0 });
  expect(noOrigin.status()).toBe(403);

  expect((await (await request.get(`/api/reader-state?article=${SLUG}`)).json()).article).toEqual(before);
  await request.dispose();
});

test('the article HTML is the same bytes for a signed-in reader and carries no AggregateRating', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL: baseURL! });
  const signedIn = await playwright.request.newContext({ baseURL: baseURL! });
  await apiReader(signedIn, baseURL!);
  const [a, b] = await Promise.all([anonymous.get(articlePath()), signedIn.get(articlePath())]);
  const html = await a.text();
  expect(await b.text()).toBe(html);
  expect(html).not.toContain('AggregateRating');
  expect(html).not.toContain('ratingValue');
  await Promise.all([anonymous.dispose(), signedIn.dispose()]);
});

test('a signed-in reader copies a link carrying their referral code; the canonical URL never does', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signUpThroughUi(page, unique('sharer'));
  const state = await (await page.request.get('/api/reader-state')).json();
  const code = state.account.referralCode as string;
  expect(code).toMatch(/^[a-z2-7]{10}$/);
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  expect(canonical).not.toContain('ref=');
  // Signed in, the panel says what sharing does for this reader.
  await page.getByText('分享给朋友，得羽毛', { exact: true }).click();
  await page.getByRole('button', { name: '复制链接' }).click();
  await expect(page.getByText('链接已复制')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${canonical}?ref=${code}`);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('favourite and rate with plain forms; /me lists and removes the favourite', async ({ page }) => {
    const name = unique('nojs');
    await page.goto('/sign-up');
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('checkbox', { name: /用户协议/ }).check();
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.goto(articlePath());
    // Each plain form comes back to the controls it was posted from.
    await favouriteButton(page).click();
    await expect(page).toHaveURL(`${articlePath()}#reader-actions`);
    await actions(page).getByRole('radio', { name: '3 星' }).check();
    await actions(page).getByRole('button', { name: '提交评分' }).click();
    await expect(page).toHaveURL(`${articlePath()}#reader-actions`);

    const stats = await (await page.request.get(`/api/reader-state?article=${SLUG}`)).json();
    expect(stats.article.favourite.favourited).toBe(true);
    expect(stats.article.rating.mine).toBe(3);

    // A bad value without JavaScript: a 4xx page with the message and a way back.
    const bad = await page.request.post(`/api/articles/${SLUG}/rating`, {
      form: { stars: '9', next: articlePath() },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(bad.status()).toBe(400);
    expect(await bad.text()).toContain('评分须为 1 到 5 星的整数。');

    await page.goto('/me');
    const list = page.getByRole('region', { name: '我的收藏' });
    await expect(list.getByRole('link', { name: '电商是怎么运营的（做电商的都应该看看）' })).toBeVisible();
    await list.getByRole('button', { name: '取消收藏' }).click();
    await expect(page).toHaveURL('/me');
    await expect(page.getByText('还没有收藏的文章。')).toBeVisible();
  });

  test('/me sends a signed-out reader to sign in and back', async ({ page }) => {
    await page.goto('/en/me');
    await expect(page).toHaveURL('/en/sign-in?next=%2Fen%2Fme');
  });
});

test.describe('at 375 px (issue 14)', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`one tap on a star saves it, filled in the accent colour; the action bar's 收藏 counts (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await signUpThroughUi(page, unique('tap'));
      await waitForHydration(page);
      const region = actions(page);
      await expect(region.getByRole('status')).toHaveText('轻点星星即可评分');
      await region.getByRole('radio', { name: '4 星' }).click();
      await expect(region.getByRole('status')).toHaveText('已评 4 星');
      const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
      const colours = await region.locator('.stars path').evaluateAll((paths) => paths.map((p) => getComputedStyle(p).fill));
      const rgb = await page.evaluate((c) => {
        const probe = document.createElement('span');
        probe.style.color = c;
        document.body.append(probe);
        const value = getComputedStyle(probe).color;
        probe.remove();
        return value;
      }, accent);
      expect(colours).toEqual([rgb, rgb, rgb, rgb, 'none']);
      // 综合评分: stars, the number and the count.
      await expect(region.locator('.rating-summary svg')).toBeVisible();
      await expect(region.locator('.rating-summary')).toHaveText(/^综合评分 \d\.\d 分（\d+ 人评分）$/);

      const bar = page.getByRole('complementary', { name: '文章操作' });
      // Scrolled down to the stars, the bar stepped aside; scrolling up brings it back.
      await page.mouse.wheel(0, -200);
      await expect(bar.getByRole('button', { name: /^收藏/ })).toBeInViewport();
      const before = Number((await bar.getByRole('button', { name: /^收藏 \d+$/ }).textContent())?.replace(/\D/g, ''));
      await bar.getByRole('button', { name: /^收藏/ }).click();
      await expect(bar.getByRole('button', { name: `收藏 ${before + 1}` })).toHaveAttribute('aria-pressed', 'true');
      // The control under the article agrees at once (one store).
      await expect(favouriteButton(page)).toHaveAttribute('aria-pressed', 'true');
    });
  }
});

test.describe('sign-in that keeps your place (issue 14, 375 px)', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('收藏 and a tapped star, signed out: sign in over the page, and both complete themselves', async ({ page, playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL: baseURL! });
    const name = await apiReader(api, baseURL!);
    await api.dispose();
    await page.goto(articlePath());
    await waitForHydration(page);
    const bar = page.getByRole('complementary', { name: '文章操作' });
    // Once the page knows the reader is signed out (the count has come), 收藏 asks over the page.
    await expect(bar.getByRole('button', { name: /^收藏 \d+$/ })).toBeVisible();
    await bar.getByRole('button', { name: /^收藏/ }).click();
    const sheet = page.getByRole('dialog', { name: '登录' });
    await expect(sheet).toContainText('登录后即可收藏');
    // A wrong password: the message sits beside the password and the username stays.
    await sheet.getByLabel('用户名').fill(name);
    await sheet.getByLabel('密码').fill('not the password');
    await sheet.getByRole('button', { name: '登录' }).click();
    await expect(sheet.getByLabel('密码')).toHaveAccessibleDescription('用户名或密码错误。');
    await expect(sheet.getByLabel('用户名')).toHaveValue(name);
    await sheet.getByLabel('密码').fill(PASSWORD);
    await sheet.getByRole('button', { name: '登录' }).click();
    await expect(sheet).toHaveCount(0);
    await expect(page).toHaveURL(articlePath());
    await expect(bar.getByRole('button', { name: /^收藏/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(favouriteButton(page)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('banner').getByText(`已登录：${name}`)).toBeAttached();

    await signOutFromHeader(page);
    await actions(page).getByRole('radio', { name: '2 星' }).click();
    await expect(sheet).toContainText('登录后即可评分');
    await sheet.getByLabel('用户名').fill(name);
    await sheet.getByLabel('密码').fill(PASSWORD);
    await sheet.getByRole('button', { name: '登录' }).click();
    await expect(actions(page).getByRole('status')).toHaveText('已评 2 星');
    await expect(page).toHaveURL(articlePath());
  });
});
