import { expect, test } from '@playwright/test';
import { localized, TEXT, type Locale } from './helpers';

// Unknown paths are left unmatched and served by app/global-not-found.tsx, which
// renders on the server (a page's own notFound() would not: vercel/next.js#62228).
const CASES: Array<{ path: string; locale: Locale }> = [
  { path: '/nope', locale: 'zh-CN' },
  { path: '/zh-TW/nope', locale: 'zh-TW' },
  { path: '/en/nope', locale: 'en' },
  { path: '/articles/nope', locale: 'zh-CN' },
  { path: '/zh-TW/articles/nope', locale: 'zh-TW' },
  { path: '/en/articles/nope', locale: 'en' },
  { path: '/tags/nope', locale: 'zh-CN' },
  { path: '/authors/nope', locale: 'zh-CN' },
  { path: '/deeply/nested/nope', locale: 'zh-CN' },
  // A first segment that is no locale must not become one on a dynamic page.
  { path: '/xyz/me', locale: 'zh-CN' },
  { path: '/evil.com/mall', locale: 'zh-CN' },
  { path: '/moderation/feedback', locale: 'zh-CN' },
  { path: '/zh-tw/sign-in', locale: 'zh-CN' },
];

const HOME_LINK: Record<Locale, string> = { 'zh-CN': '返回首页', 'zh-TW': '返回首頁', en: 'Back to home' };

for (const { path, locale } of CASES) {
  test(`${path} is a 404 with the ${locale} not-found page`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT[locale].notFound);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByRole('main').getByRole('link', { name: HOME_LINK[locale] })).toHaveAttribute('href', localized(locale, '/'));
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  });
}

test('the home link on the not-found page leads home', async ({ page }) => {
  await page.goto('/zh-TW/nope');
  await page.getByRole('main').getByRole('link', { name: '返回首頁' }).click();
  await expect(page).toHaveURL('/zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT['zh-TW'].homeHeading);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  for (const { path, locale } of [CASES[0]!, CASES[4]!, CASES[5]!, CASES[9]!]) {
    test(`${path} is server-rendered in ${locale}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT[locale].notFound);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
    });
  }
});
