import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { articlePath, expectNoSeriousA11yViolations, keepScreenshot, waitForHydration } from './helpers';
import { apiReader, PASSWORD, signUpThroughUi, unique } from './support/readers';

// The article as a reader on a 375 px phone meets it (issue 14). This file neither
// favourites nor rates the article: favourite-rating.spec.ts counts those exactly.
test.use({ viewport: { width: 375, height: 812 } });

const BANNER = 'APP推广合作 联系“鸟哥笔记小乔”';
const bar = (page: Page) => page.getByRole('complementary', { name: '文章操作' });
/** Waits for the reader-state answer (the bar's count comes with it): only then is the reader known to be signed out. */
const readerStateLoaded = (page: Page) => expect(bar(page).getByRole('button', { name: /^收藏 \d+$/ })).toBeVisible();

/** The layout shifts of the page so far (CLS without the session windows: any shift fails). */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean }>) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string, clip?: { x: number; y: number; width: number; height: number }) {
  await keepScreenshot(page, testInfo, name, clip ? { clip } : {});
}

test.describe('the compact header', () => {
  test('one bar of 44–56 px with the site name, 羽毛精选 and 登录; the language switch in the footer', async ({ page }) => {
    await page.goto(articlePath());
    await waitForHydration(page);
    const header = page.getByRole('banner');
    const siteName = header.getByRole('link', { name: '鸟哥笔记' });
    const mall = header.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '羽毛精选' });
    const signIn = header.getByRole('link', { name: '登录' });
    for (const link of [siteName, mall, signIn]) await expect(link).toBeInViewport();
    await expect(signIn).toHaveAttribute('href', `/sign-in?next=${encodeURIComponent(articlePath())}`);
    await expect(header.getByRole('link', { name: '注册' })).toHaveCount(0);
    await expect(header.getByRole('navigation', { name: '语言' })).toHaveCount(0);

    // The three sit on one line, and that line is the bar.
    const boxes = await Promise.all([siteName, mall, signIn].map((l) => l.boundingBox()));
    const bar = await header.locator('.header-bar').boundingBox();
    expect(bar!.height).toBeGreaterThanOrEqual(44);
    expect(bar!.height).toBeLessThanOrEqual(56);
    for (const box of boxes) {
      expect(box!.y).toBeGreaterThanOrEqual(bar!.y);
      expect(box!.y + box!.height).toBeLessThanOrEqual(bar!.y + bar!.height + 0.5);
    }
    // The promo banner is one slim line, and the title starts high on the first screen.
    const banner = await header.getByText(BANNER).boundingBox();
    expect(banner!.height).toBeLessThanOrEqual(24);
    const headerBox = await header.boundingBox();
    expect(headerBox!.height).toBeLessThanOrEqual(90);
    const title = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(title!.y).toBeLessThan(200);

    const footer = page.getByRole('contentinfo');
    await expect(footer.getByRole('navigation', { name: '语言' }).getByRole('link')).toHaveText(['简体', '繁體', 'English']);
    await expect(footer.getByRole('link', { name: '社区公约' })).toHaveAttribute('href', '/rules');
  });

  test('the banner closes with one tap, stays closed after a reload, and is still in the HTML for everyone', async ({ page, request }) => {
    await page.goto(articlePath());
    await waitForHydration(page);
    const header = page.getByRole('banner');
    await expect(header.getByText(BANNER)).toBeVisible();
    await header.getByRole('button', { name: '关闭横幅' }).click();
    await expect(header.getByText(BANNER)).toHaveCount(0);
    await page.reload();
    await waitForHydration(page);
    await expect(header.getByText(BANNER)).toHaveCount(0);
    await expect(header.getByRole('link', { name: '羽毛精选' })).toBeVisible();
    // The page's bytes do not depend on who closed what.
    expect(await (await request.get(articlePath())).text()).toContain(BANNER);
  });

  test('signed in: an avatar menu with 我的, 羽毛 and 退出', async ({ page }) => {
    const name = unique('menu');
    await signUpThroughUi(page, name);
    const header = page.getByRole('banner');
    await expect(header.getByRole('link', { name: '登录' })).toHaveCount(0);
    const bar = await header.locator('.header-bar').boundingBox();
    expect(bar!.height).toBeLessThanOrEqual(56);
    const menu = header.locator('details.account-menu');
    await expect(menu.getByRole('link', { name: '我的' })).toBeHidden();
    await expect(header.getByText(`已登录：${name}`)).toBeAttached();
    await menu.locator('summary').click();
    await expect(menu.getByRole('link', { name: '我的' })).toBeVisible();
    await expect(menu.getByRole('link', { name: '羽毛 0' })).toHaveAttribute('href', '/me#feathers');
    await expectNoSeriousA11yViolations(page, { label: 'article with the account menu open' });
    await menu.getByRole('button', { name: '退出' }).click();
    await expect(header.getByRole('link', { name: '登录' })).toBeVisible();
  });
});

test.describe('the action bar', () => {
  test('fixed at the bottom at 375 px: 收藏, 评论, 分享 and 羽毛; hides scrolling down, shows scrolling up; no layout shift', async ({ page }, testInfo) => {
    await page.goto(articlePath());
    await waitForHydration(page);
    const actions = bar(page);
    await expect(actions.getByRole('button', { name: /^收藏/ })).toBeInViewport();
    await expect(actions.getByRole('link', { name: /^评论/ })).toHaveAttribute('href', '#comments');
    await expect(actions.getByRole('link', { name: /^分享/ })).toBeInViewport();
    await expect(actions.getByRole('link', { name: /^羽毛/ })).toHaveAttribute('href', '/me#feathers');
    // The counts arrive from the reader-state request and fill their places.
    await expect(actions.getByRole('button', { name: /^收藏 \d+$/ })).toBeVisible();
    await expect(actions.getByRole('link', { name: /^评论 \d+$/ })).toBeVisible();
    const box = await actions.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeLessThanOrEqual(56);
    expect(Math.round(box!.y + box!.height)).toBe(812);
    expect(await layoutShift(page)).toBe(0);
    await attachScreenshot(page, testInfo, 'action bar (light)', { x: 0, y: 812 - 120, width: 375, height: 120 });

    await page.mouse.wheel(0, 1200);
    await expect(actions.getByRole('link', { name: /^分享/ })).not.toBeInViewport();
    await page.mouse.wheel(0, -300);
    await expect(actions.getByRole('link', { name: /^分享/ })).toBeInViewport();

    // The page keeps room for the bar: at the very end, the footer ends above where it shows.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const footerEnd = await page.getByRole('contentinfo').evaluate((el) => el.getBoundingClientRect().bottom);
    expect(footerEnd).toBeLessThanOrEqual(812 - box!.height + 1);
  });

  test('分享 opens the share panel; 评论 jumps to the comments; the gifts come before the comments', async ({ page }) => {
    await page.goto(articlePath());
    await waitForHydration(page);
    await bar(page).getByRole('link', { name: /^分享/ }).click();
    await expect(page.getByRole('button', { name: '复制链接' })).toBeVisible();
    await expect(page.locator('details#share')).toHaveAttribute('open', '');

    await page.mouse.wheel(0, -100); // the bar shows again
    await bar(page).getByRole('link', { name: /^评论/ }).click();
    await expect(page).toHaveURL(/#comments$/);
    await expect(page.getByRole('heading', { level: 2, name: /^评论/ })).toBeInViewport();

    const gifts = await page.getByRole('complementary', { name: '羽毛精选' }).boundingBox();
    const comments = await page.locator('#comments').boundingBox();
    expect(gifts!.y).toBeLessThan(comments!.y);
  });

  test('signed in, the bar shows the reader’s feathers', async ({ page }) => {
    await signUpThroughUi(page, unique('barfe'));
    await expect(bar(page).getByRole('link', { name: '羽毛 0' })).toBeVisible();
  });

  test('on a wide screen the same actions sit beside the text', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(articlePath());
    await waitForHydration(page);
    const actions = await bar(page).boundingBox();
    const text = await page.locator('article .prose').boundingBox();
    expect(actions!.x + actions!.width).toBeLessThanOrEqual(text!.x);
    await page.mouse.wheel(0, 1500);
    await expect(bar(page).getByRole('button', { name: /^收藏/ })).toBeInViewport();
  });
});

test.describe('one-tap rating (signed out)', () => {
  test('outline stars and no submit button with JavaScript', async ({ page }) => {
    await page.goto(articlePath());
    await waitForHydration(page);
    const region = page.getByRole('region', { name: '收藏与评分' });
    await expect(region.getByText(/^综合评分/)).toBeVisible();
    await expect(region.getByRole('status')).toHaveText('轻点星星即可评分');
    await expect(region.getByRole('button', { name: '提交评分' })).toBeHidden();
    const fills = await region.locator('.stars path').evaluateAll((paths) => paths.map((p) => getComputedStyle(p).fill));
    expect(fills).toEqual(Array(5).fill('none'));
  });

  test('a tap while signed out asks to sign in over the page, keeping the stars chosen', async ({ page }) => {
    await page.goto(articlePath());
    await waitForHydration(page);
    await readerStateLoaded(page);
    const region = page.getByRole('region', { name: '收藏与评分' });
    await region.getByRole('radio', { name: '4 星' }).click();
    const sheet = page.getByRole('dialog', { name: '登录' });
    await expect(sheet).toContainText('登录后即可评分');
    await expect(page).toHaveURL(articlePath());
    await sheet.getByRole('button', { name: '取消' }).click();
    await expect(sheet).toHaveCount(0);
    await expect(region.getByRole('radio', { name: '4 星' })).toBeChecked();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the bar’s links and form are there, the header has 登录, and rating keeps its submit button', async ({ page }) => {
    await page.goto(articlePath());
    await expect(page.getByRole('banner').getByRole('link', { name: '登录' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('button', { name: '关闭横幅' })).toHaveCount(0);
    await expect(bar(page).getByRole('button', { name: '收藏' })).toBeInViewport();
    const region = page.getByRole('region', { name: '收藏与评分' });
    await expect(region.getByRole('button', { name: '提交评分' })).toBeVisible();
    // A checked star fills the stars before it with CSS alone.
    await region.getByRole('radio', { name: '3 星' }).click();
    const fills = await region.locator('.stars path').evaluateAll((paths) => paths.map((p) => getComputedStyle(p).fill));
    expect(fills.slice(3)).toEqual(['none', 'none']);
    expect(fills.slice(0, 3).every((f) => f !== 'none')).toBe(true);
    await bar(page).getByRole('link', { name: '评论' }).click();
    await expect(page).toHaveURL(/#comments$/);
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots of the article top and the action bar (${colorScheme}); axe holds`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(articlePath());
    await waitForHydration(page);
    await expect(bar(page).getByRole('button', { name: /^收藏 \d+$/ })).toBeVisible();
    await attachScreenshot(page, testInfo, `article top (${colorScheme})`);
    await attachScreenshot(page, testInfo, `action bar (${colorScheme})`, { x: 0, y: 812 - 120, width: 375, height: 120 });
    await expectNoSeriousA11yViolations(page, { label: `article at 375 px (${colorScheme})` });
  });
}

test.describe('sign-in that keeps your place', () => {
  test('提交答案 signed out: the sheet says why, and the chosen option is still chosen after signing in', async ({ page, playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL: baseURL! });
    const name = await apiReader(api, baseURL!);
    await api.dispose();
    await page.goto(articlePath());
    await waitForHydration(page);
    await readerStateLoaded(page);
    const quiz = page.getByRole('region', { name: '阅读测验' });
    await quiz.getByRole('radio', { name: '货源和定价' }).check();
    await quiz.getByRole('button', { name: '提交答案' }).click();
    const sheet = page.getByRole('dialog', { name: '登录' });
    await expect(sheet).toContainText('登录后即可提交答案，你选的答案会保留');
    await sheet.getByLabel('用户名').fill(name);
    await sheet.getByLabel('密码').fill(PASSWORD);
    await sheet.getByRole('button', { name: '登录' }).click();
    await expect(sheet).toHaveCount(0);
    await expect(page).toHaveURL(articlePath());
    await expect(quiz.getByRole('radio', { name: '货源和定价' })).toBeChecked();
    await expect(quiz.getByRole('status')).toHaveText('');

    // The loop closes: the wrong choice and the right option are marked, with the section that answers it.
    await quiz.getByRole('button', { name: '提交答案' }).click();
    await expect(quiz.getByRole('status')).toHaveText('答错了。正确答案已在上面标出。');
    await expect(quiz.locator('label', { hasText: '货源和定价' })).toContainText('你的选择');
    await expect(quiz.locator('label', { hasText: '用户获取和用户维系' })).toContainText('正确答案');
    await expect(quiz.getByRole('button', { name: '已作答' })).toBeDisabled();
    await quiz.getByRole('link', { name: '回到原文看看这一节' }).click();
    await expect(page).toHaveURL(`${articlePath()}#${encodeURIComponent('三电商平台关键要素')}`);
    await expect(page.getByRole('heading', { level: 2, name: '三、电商平台关键要素' })).toBeInViewport();
  });

  test('a right answer: marked, the button done, and a 「+5 羽毛」 toast', async ({ page }, testInfo) => {
    await signUpThroughUi(page, unique('quizr'));
    await waitForHydration(page);
    const quiz = page.getByRole('region', { name: '阅读测验' });
    await quiz.getByRole('radio', { name: '用户获取和用户维系' }).check();
    await quiz.getByRole('button', { name: '提交答案' }).click();
    await expect(quiz.getByRole('status')).toHaveText('恭喜你~答对了 +5羽毛');
    await expect(page.getByText('+5 羽毛', { exact: true })).toBeVisible();
    await attachScreenshot(page, testInfo, 'quiz answered with its toast');
    await expect(quiz.locator('label', { hasText: '用户获取和用户维系' })).toContainText('正确答案');
    await expect(quiz.getByRole('button', { name: '已作答' })).toBeDisabled();
    await expect(page.getByText('+5 羽毛', { exact: true })).toBeHidden({ timeout: 5000 });
  });

  test('立即兑换 signed out: sign in first, then the confirmation opens and nothing is spent', async ({ page, playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL: baseURL! });
    const name = await apiReader(api, baseURL!);
    await api.dispose();
    await page.goto(articlePath());
    await waitForHydration(page);
    await readerStateLoaded(page);
    const gifts = page.getByRole('complementary', { name: '羽毛精选' });
    await gifts.getByRole('button', { name: '立即兑换' }).first().click();
    const sheet = page.getByRole('dialog', { name: '登录' });
    await expect(sheet).toContainText('登录后即可兑换礼品');
    await expect(page.getByRole('button', { name: '确认兑换' })).toHaveCount(0);
    await sheet.getByLabel('用户名').fill(name);
    await sheet.getByLabel('密码').fill(PASSWORD);
    await sheet.getByRole('button', { name: '登录' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确认要消耗' });
    await expect(confirm.getByRole('button', { name: '确认兑换' })).toBeVisible();
    await confirm.getByRole('button', { name: '考虑一下' }).click();
    await expect(page.getByRole('banner').locator('.balance')).toHaveText('羽毛 0');
  });

  test('the sign-in page: a wrong password keeps the username and says so beside the password', async ({ page, playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL: baseURL! });
    const name = await apiReader(api, baseURL!);
    await api.dispose();
    await page.goto(`/sign-in?next=${encodeURIComponent(`${articlePath()}#reader-actions`)}`);
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByLabel('用户名')).toHaveValue(name);
    await expect(page.getByLabel('密码')).toHaveAccessibleDescription(/^用户名或密码错误。/);
    await expectNoSeriousA11yViolations(page, { label: 'sign-in with an error' });
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(`${articlePath()}#reader-actions`);
  });
});

test.describe('sign-in without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('评分 signed out goes to the full sign-in page, which returns to the controls; a wrong password keeps the username', async ({
    page,
    playwright,
    baseURL,
  }) => {
    const api = await playwright.request.newContext({ baseURL: baseURL! });
    const name = await apiReader(api, baseURL!);
    await api.dispose();
    await page.goto(articlePath());
    await page.getByRole('region', { name: '收藏与评分' }).getByRole('radio', { name: '4 星' }).check();
    await page.getByRole('region', { name: '收藏与评分' }).getByRole('button', { name: '提交评分' }).click();
    await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(`${articlePath()}#reader-actions`)}`);
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByLabel('用户名')).toHaveValue(name);
    await expect(page.getByLabel('密码')).toHaveAccessibleDescription(/^用户名或密码错误。/);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(`${articlePath()}#reader-actions`);
  });
});

test('tapping outside the rules modal closes it', async ({ page }) => {
  await page.goto(articlePath());
  await waitForHydration(page);
  await page.getByRole('main').getByRole('article').getByRole('link', { name: '社区公约', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '社区公约' });
  await expect(dialog).toBeVisible();
  const box = await dialog.boundingBox();
  // Below the box, on the backdrop.
  await page.mouse.click(187, Math.min(805, box!.y + box!.height + 4));
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(articlePath());
});

test('reading the article asks the app for no personal page it has not opened (no /mall or /me prefetch)', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  await page.goto(articlePath());
  await waitForHydration(page);
  await readerStateLoaded(page);
  // Next prefetches links in view once the page is idle; give it the time it takes.
  await page.mouse.wheel(0, 4000);
  await page.waitForTimeout(2000);
  expect(asked.some((p) => p.endsWith('/reader-state'))).toBe(true);
  expect(asked.filter((p) => /^\/(?:(?:zh-TW|en)\/)?(?:mall|me)(?:\/|$)/.test(p))).toEqual([]);
});
