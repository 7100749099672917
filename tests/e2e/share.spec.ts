import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { articlePath, expectNoSeriousA11yViolations, waitForHydration, type Locale } from './helpers';
import { apiReader, unique } from './support/readers';

const LABEL = {
  'zh-CN': { open: '分享', scan: '好友微信扫一扫', copy: '复制链接', copied: '链接已复制', qr: '本文链接的二维码' },
  'zh-TW': { open: '分享', scan: '好友微信掃一掃', copy: '複製連結', copied: '連結已複製', qr: '本文連結的二維碼' },
} as const;

/** The share panel's title (the action bar has a 分享 of its own). */
const panelTitle = (page: Page) => page.locator('details#share > summary');

/** The page's canonical URL, which is what the QR code and 复制链接 must carry. */
const canonical = (page: Page) => page.locator('link[rel="canonical"]').getAttribute('href');

async function openShare(page: Page, locale: 'zh-CN' | 'zh-TW' = 'zh-CN') {
  await page.goto(articlePath(locale as Locale));
  await waitForHydration(page);
  await expect(panelTitle(page)).toHaveText(LABEL[locale].open);
  await panelTitle(page).click();
  await expect(page.getByText(LABEL[locale].scan)).toBeVisible();
}

for (const locale of ['zh-CN', 'zh-TW'] as const) {
  test(`${locale}: the QR code decodes to the article's canonical URL`, async ({ page }) => {
    await openShare(page, locale);
    const qr = page.getByRole('img', { name: LABEL[locale].qr });
    await expect(qr).toBeVisible();
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const png = PNG.sync.read(await qr.screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(await canonical(page));
  });
}

test('复制链接 puts the canonical URL on the clipboard and says so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openShare(page);
  await page.getByRole('button', { name: LABEL['zh-CN'].copy }).click();
  await expect(page.locator('.share-popover').getByRole('status')).toHaveText(LABEL['zh-CN'].copied);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await canonical(page));
});

test('without the Clipboard API (as in WeChat) the link is shown selected for copying', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
  });
  await openShare(page);
  await page.getByRole('button', { name: LABEL['zh-CN'].copy }).click();
  const field = page.getByRole('textbox', { name: '文章链接' });
  await expect(field).toHaveValue((await canonical(page))!);
  await expect(field).toBeFocused();
  expect(await field.evaluate((el: HTMLInputElement) => el.selectionEnd! - el.selectionStart!)).toBe((await canonical(page))!.length);
});

test('inside WeChat a hint points to the top-right menu; elsewhere it does not', async ({ browser }) => {
  const wechat = await browser.newContext({
    userAgent: 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116 Mobile Safari/537.36 MicroMessenger/8.0.40',
  });
  const page = await wechat.newPage();
  await openShare(page);
  await expect(page.getByText('点击右上角「···」，即可分享到朋友圈或发送给朋友')).toBeVisible();
  await wechat.close();

  const plain = await browser.newContext();
  const other = await plain.newPage();
  await openShare(other);
  await expect(other.getByText('点击右上角「···」')).toHaveCount(0);
  await plain.close();
});

test('where the Web Share API exists, a native share button shares the canonical URL', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { shared: unknown[] }).shared = [];
    Object.defineProperty(Navigator.prototype, 'share', {
      value: (data: unknown) => {
        (window as unknown as { shared: unknown[] }).shared.push(data);
        return Promise.resolve();
      },
      configurable: true,
    });
  });
  await openShare(page);
  await page.getByRole('button', { name: '分享给朋友' }).click();
  const shared = await page.evaluate(() => (window as unknown as { shared: Array<{ url: string }> }).shared);
  expect(shared.map((s) => s.url)).toEqual([await canonical(page)]);
});

test('the share popover opens without JavaScript and shows the QR code', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(articlePath());
  await expect(panelTitle(page)).toHaveText(LABEL['zh-CN'].open);
  await panelTitle(page).click();
  await expect(page.getByRole('img', { name: LABEL['zh-CN'].qr })).toBeVisible();
  await context.close();
});

test('axe: the open share popover has no serious violations', async ({ page }) => {
  await openShare(page);
  await expectNoSeriousA11yViolations(page, { label: 'share popover' });
});

test.describe('sharing from WeChat pays the sharer (375 px)', () => {
  const WECHAT = 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116 Mobile Safari/537.36 MicroMessenger/8.0.40';
  const phone = { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true };

  /** A signed-in reader's browser, in WeChat or not; the share visits it reports are collected. */
  async function readerBrowser(browser: import('@playwright/test').Browser, baseURL: string, userAgent?: string) {
    const context = await browser.newContext({ ...phone, ...(userAgent ? { userAgent } : {}) });
    await apiReader(context.request, baseURL, unique('wx'));
    const code = ((await (await context.request.get('/api/reader-state')).json()) as { account: { referralCode: string } }).account.referralCode;
    const page = await context.newPage();
    const visits: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/share-visits')) visits.push(r.postData() ?? '');
    });
    return { context, page, code, visits };
  }

  test("inside WeChat the address bar carries the signed-in reader's own share link, never reported as a visit", async ({ browser, baseURL }) => {
    const { context, page, code, visits } = await readerBrowser(browser, baseURL!, WECHAT);
    const balance = page.getByRole('banner').locator('.balance');
    await page.goto(articlePath());
    await waitForHydration(page);
    await expect(panelTitle(page)).toHaveText('分享给朋友，得羽毛');
    await expect(page).toHaveURL(`${articlePath()}?ref=${code}`);
    // The link WeChat's 「···」 shares opens the same article, and the QR code holds the same link.
    await panelTitle(page).click();
    await expect(page.getByRole('img', { name: LABEL['zh-CN'].qr })).toHaveAttribute('src', new RegExp(`&ref=${code}$`));
    // Reopened with that address (a reload, or the reader's own shared link), it pays nobody.
    await page.reload();
    await waitForHydration(page);
    await expect(page).toHaveURL(`${articlePath()}?ref=${code}`);
    await expect(balance).toHaveText('羽毛 0');
    await page.waitForTimeout(500);
    expect(visits).toEqual([]);
    await context.close();
  });

  test('outside WeChat the address bar is untouched; signed out in WeChat the title is 分享 and the address too', async ({ browser, baseURL }) => {
    const { context, page } = await readerBrowser(browser, baseURL!);
    await page.goto(articlePath());
    await waitForHydration(page);
    await expect(panelTitle(page)).toHaveText('分享给朋友，得羽毛');
    await page.waitForTimeout(300);
    await expect(page).toHaveURL(articlePath());
    await context.close();

    const wechat = await browser.newContext({ ...phone, userAgent: WECHAT });
    const visitor = await wechat.newPage();
    await visitor.goto(articlePath());
    await waitForHydration(visitor);
    await expect(visitor.getByRole('banner').getByRole('link', { name: '登录' })).toBeVisible();
    await visitor.waitForTimeout(300);
    await expect(panelTitle(visitor)).toHaveText('分享');
    await expect(visitor).toHaveURL(articlePath());
    await wechat.close();
  });

  test("a friend opening the WeChat link is reported once and pays the sharer; the friend's own link then replaces it", async ({ browser, baseURL }) => {
    const sharer = await readerBrowser(browser, baseURL!, WECHAT);
    const friend = await readerBrowser(browser, baseURL!, WECHAT);
    await friend.page.goto(`${articlePath()}?ref=${sharer.code}`);
    await waitForHydration(friend.page);
    await expect(friend.page).toHaveURL(`${articlePath()}?ref=${friend.code}`);
    await expect.poll(() => friend.visits.length).toBe(1);
    expect(friend.visits[0]).toContain(sharer.code);
    expect(friend.visits[0]).not.toContain(friend.code);
    const feathers = async () => ((await (await sharer.context.request.get('/api/reader-state')).json()) as { account: { feathers: number } }).account.feathers;
    await expect.poll(feathers).toBeGreaterThan(0);
    await Promise.all([friend.context.close(), sharer.context.close()]);
  });
});
