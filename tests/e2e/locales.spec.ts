import { expect, test, type Page } from '@playwright/test';
import { articlePath, authorPath, localized, LOCALES, rulesPath, tagPath, TEXT, waitForHydration, type Locale } from './helpers';

const NAMES: Record<Locale, string> = { 'zh-CN': '简体', 'zh-TW': '繁體', en: 'English' };

/** Checks the language switcher of the current page (shown in `current`) for the unprefixed `path`. */
async function expectSwitcher(page: Page, current: Locale, path: string) {
  const nav = page.getByRole('navigation', { name: TEXT[current].languageNav, exact: true });
  await expect(nav).toBeVisible();
  await expect(nav.getByRole('link')).toHaveText(LOCALES.map((l) => NAMES[l]));
  for (const l of LOCALES) {
    const link = nav.getByRole('link', { name: NAMES[l], exact: true });
    await expect(link).toHaveAttribute('href', localized(l, path));
    await expect(link).toHaveAttribute('hreflang', l);
    if (l === current) await expect(link).toHaveAttribute('aria-current', 'true');
    else await expect(link).not.toHaveAttribute('aria-current', /.+/);
  }
}

for (const locale of LOCALES) {
  test(`${locale}: <html lang>, language switcher and localized chrome on every page`, async ({ page }) => {
    for (const path of ['/', '/rules', `/articles/how-ecommerce-operations-work`, `/tags/${encodeURIComponent('电商运营')}`, '/authors/lin-xiansheng']) {
      const response = await page.goto(localized(locale, path));
      expect(response?.status(), `status of ${localized(locale, path)}`).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expectSwitcher(page, locale, path);
      await expect(page.getByRole('link', { name: TEXT[locale].skip })).toHaveAttribute('href', '#main');
    }
  });
}

test('switching language on the article keeps the page', async ({ page }) => {
  await page.goto(articlePath());
  await page.getByRole('navigation', { name: '语言' }).getByRole('link', { name: '繁體' }).click();
  await expect(page).toHaveURL(articlePath('zh-TW'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT['zh-TW'].title);

  await page.getByRole('navigation', { name: '語言' }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(articlePath('en'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('article header')).toContainText('Published');

  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '简体' }).click();
  await expect(page).toHaveURL(articlePath());
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT['zh-CN'].title);
});

test('the language switcher follows client-side navigation', async ({ page }) => {
  await page.goto('/zh-TW');
  await waitForHydration(page);
  await page.getByRole('main').getByRole('link', { name: TEXT['zh-TW'].title }).click();
  await expect(page).toHaveURL(articlePath('zh-TW'));
  await expectSwitcher(page, 'zh-TW', '/articles/how-ecommerce-operations-work');
});

test('the site name and navigation stay in the current locale', async ({ page }) => {
  await page.goto(articlePath('en'));
  // The bar: the site name (home) and the mall; 社区公约 sits in the footer.
  const primary = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(primary.getByRole('link', { name: 'Feathers Mall' })).toHaveAttribute('href', '/en/mall');
  await expect(page.getByRole('navigation', { name: 'Site links' }).getByRole('link', { name: 'Community rules' })).toHaveAttribute('href', rulesPath('en'));
  await expect(page.getByRole('banner').getByRole('link', { name: 'Niaoge Notes' })).toHaveAttribute('href', '/en');
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Subscribe (RSS)' })).toHaveAttribute('href', '/en/feed.xml');
  await expect(page.getByRole('main').getByRole('link', { name: '林先生' }).first()).toHaveAttribute('href', authorPath('en'));
  await expect(page.locator('article footer').getByRole('link', { name: '电商运营' })).toHaveAttribute('href', tagPath('en'));
});

test.describe('/zh-CN prefix redirects to the unprefixed path', () => {
  for (const [from, to] of [
    ['/zh-CN', '/'],
    ['/zh-CN/articles/how-ecommerce-operations-work', '/articles/how-ecommerce-operations-work'],
    ['/zh-CN/rules', '/rules'],
    ['/zh-CN/authors/lin-xiansheng', '/authors/lin-xiansheng'],
  ] as const) {
    test(`${from} → 308 ${to}`, async ({ request, page }) => {
      const response = await request.get(from, { maxRedirects: 0 });
      expect(response.status()).toBe(308);
      expect(new URL(response.headers()['location'] ?? '', 'http://127.0.0.1').pathname).toBe(to);

      await page.goto(from);
      await expect(page).toHaveURL(to);
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    });
  }
});
