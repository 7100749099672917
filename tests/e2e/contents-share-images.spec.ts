import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { articlePath, expectNoSeriousA11yViolations, SLUG, waitForHydration } from './helpers';
import { signUpThroughUi, unique } from './support/readers';

const FIRST = '一、什么是运营、电商运营';
const FIRST_ID = '一什么是运营电商运营';
const decode = (buf: Buffer) => {
  const img = PNG.sync.read(buf);
  return { width: img.width, height: img.height, data: jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data };
};

test('目录 is in the HTML without JavaScript, listing the headings with their ids', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseURL}${articlePath()}`);
  const nav = page.getByRole('navigation', { name: '目录' });
  await expect(nav.getByRole('link', { name: FIRST })).toHaveAttribute('href', `#${FIRST_ID}`);
  await context.close();
});

test('on a wide screen 目录 is open; a click scrolls to the heading and puts its id in the URL', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(articlePath());
  const link = page.getByRole('navigation', { name: '目录' }).getByRole('link', { name: FIRST });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`#${encodeURIComponent(FIRST_ID)}$`));
  await expect(page.getByRole('heading', { name: FIRST, level: 2 })).toBeInViewport();
  await expectNoSeriousA11yViolations(page, { label: 'article with contents list' });
});

test('at 375 px 目录 is collapsed until opened', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(articlePath());
  const nav = page.getByRole('navigation', { name: '目录' });
  await expect(nav.getByRole('link', { name: FIRST })).toBeHidden();
  await nav.getByText('目录', { exact: true }).click();
  await nav.getByRole('link', { name: FIRST }).click();
  await expect(page).toHaveURL(new RegExp(`#${encodeURIComponent(FIRST_ID)}$`));
  await expect(page.getByRole('heading', { name: FIRST, level: 2 })).toBeInViewport();
});

test('zh-TW lists the converted headings', async ({ page }) => {
  await page.goto(articlePath('zh-TW'));
  await expect(page.getByRole('navigation', { name: '目錄' }).getByRole('link', { name: '一、什麼是運營、電商運營' })).toHaveAttribute('href', `#${FIRST_ID}`);
});

for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
  test(`${locale}: og:image is a 1200×630 PNG, named with its size, alt, twitter card and in JSON-LD`, async ({ page, request }) => {
    await page.goto(articlePath(locale));
    const og = await page.locator('meta[property="og:image"]').getAttribute('content');
    expect(og).toMatch(new RegExp(`/og/${locale}/${SLUG}$`));
    await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute('content', '1200');
    await expect(page.locator('meta[property="og:image:height"]')).toHaveAttribute('content', '630');
    await expect(page.locator('meta[property="og:image:alt"]')).toHaveAttribute('content', /.+/);
    await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(jsonLd[0].image.url).toBe(og);
    const res = await request.get(new URL(og!).pathname);
    expect(res.headers()['content-type']).toBe('image/png');
    const { width, height } = decode(await res.body());
    expect([width, height]).toEqual([1200, 630]);
  });
}

test('the static poster and QR code hold the canonical URL; a signed-in reader gets their share link in both', async ({ page }) => {
  await page.goto(articlePath());
  const canonical = (await page.locator('link[rel="canonical"]').getAttribute('href'))!;
  const poster = await page.request.get(`/poster/zh-CN/${SLUG}`);
  const p = decode(await poster.body());
  expect([p.width, p.height, p.data]).toEqual([750, 1334, canonical]);
  expect(decode(await (await page.request.get(`/qr/zh-CN/${SLUG}`)).body()).data).toBe(canonical);
  // Signed out, the per-reader routes refuse.
  expect((await page.request.get(`/api/share/poster?article=${SLUG}&locale=zh-CN&ref=abcdefghij`)).status()).toBe(401);

  await signUpThroughUi(page, unique('poster'));
  await waitForHydration(page);
  await page.getByText('分享给朋友，得羽毛', { exact: true }).click();
  await expect(page.getByText('长按保存图片，分享到朋友圈')).toBeVisible();
  const img = page.getByRole('img', { name: /的分享海报$/ });
  await expect(img).toHaveAttribute('src', /^\/api\/share\/poster\?article=.+&ref=[a-z2-7]{10}$/);
  const src = (await img.getAttribute('src'))!;
  const code = /ref=([a-z2-7]{10})/.exec(src)![1];
  const answer = await page.request.get(src);
  expect(answer.headers()['cache-control']).toMatch(/^private, max-age=\d+/);
  expect(decode(await answer.body()).data).toBe(`${canonical}?ref=${code}`);
  const qrSrc = (await page.getByRole('img', { name: '本文链接的二维码' }).getAttribute('src'))!;
  expect(qrSrc).toContain(`ref=${code}`);
  expect(decode(await (await page.request.get(qrSrc)).body()).data).toBe(`${canonical}?ref=${code}`);
  // Someone else's code is refused.
  expect((await page.request.get(src.replace(code!, 'abcdefghij'))).status()).toBe(403);
});

test('without 备案 numbers in content/site.md the footer has no such line', async ({ page }) => {
  await page.goto(articlePath());
  await expect(page.locator('.site-footer .beian')).toHaveCount(0);
});
