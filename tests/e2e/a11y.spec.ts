import { expect, test } from '@playwright/test';
import { articlePath, authorPath, expectNoSeriousA11yViolations, LOCALES, localized, rulesPath, tagPath, TEXT, waitForHydration, type Locale } from './helpers';

const PAGES: Array<{ name: string; path: string; locale: Locale; status?: number }> = [
  { name: 'home', path: '/', locale: 'zh-CN' },
  { name: 'article zh-CN', path: articlePath('zh-CN'), locale: 'zh-CN' },
  { name: 'article zh-TW', path: articlePath('zh-TW'), locale: 'zh-TW' },
  { name: 'article en', path: articlePath('en'), locale: 'en' },
  { name: 'rules page', path: rulesPath(), locale: 'zh-CN' },
  { name: 'tag page', path: tagPath(), locale: 'zh-CN' },
  { name: 'author page', path: authorPath(), locale: 'zh-CN' },
  { name: 'home en', path: '/en', locale: 'en' },
  { name: 'mall', path: '/mall', locale: 'zh-CN' },
  { name: 'mall zh-TW', path: '/zh-TW/mall', locale: 'zh-TW' },
  { name: 'mall en', path: '/en/mall', locale: 'en' },
  { name: 'sign-up zh-TW', path: '/zh-TW/sign-up', locale: 'zh-TW' },
  { name: 'comments page', path: `${articlePath('zh-CN')}/comments`, locale: 'zh-CN' },
  { name: 'comments page en', path: `${articlePath('en')}/comments`, locale: 'en' },
  { name: 'privacy', path: '/privacy', locale: 'zh-CN' },
  { name: 'terms en', path: '/en/terms', locale: 'en' },
  { name: 'reset password', path: '/reset-password?token=x', locale: 'zh-CN' },
  { name: '404', path: '/nope', locale: 'zh-CN', status: 404 },
  { name: '404 en', path: '/en/nope', locale: 'en', status: 404 },
];

test.describe('axe: no serious or critical violations', () => {
  for (const p of PAGES) {
    test(`${p.name} (${p.path})`, async ({ page }) => {
      const response = await page.goto(p.path);
      expect(response?.status()).toBe(p.status ?? 200);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSeriousA11yViolations(page, { label: p.path });
    });
  }

  test('rules modal open over the article', async ({ page }) => {
    await page.goto(articlePath());
    await waitForHydration(page);
    await page.getByRole('main').getByRole('article').getByRole('link', { name: '社区公约', exact: true }).click();
    await expect(page.getByRole('dialog', { name: '社区公约' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, { label: 'rules modal' });
  });

  test('sign-in sheet open over the mall at 375 px', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/mall');
    await waitForHydration(page);
    await expect(page.getByRole('link', { name: '登录后查看' })).toBeVisible();
    await page.getByRole('button', { name: '立即兑换' }).first().click();
    await expect(page.getByRole('dialog', { name: '登录' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, { label: 'sign-in sheet on /mall' });
  });

  test.describe('dark colour scheme', () => {
    test.use({ colorScheme: 'dark' });
    // Each kind of page once; /me, /moderation, /feedback and the signed-in dialogs are
    // checked dark in phone-pages.spec.ts, where their readers are made.
    const DARK = ['home', 'article zh-CN', 'rules page', 'mall', 'sign-up zh-TW', 'comments page', 'privacy', '404'];
    for (const p of PAGES.filter((page) => DARK.includes(page.name))) {
      test(`${p.name} (${p.path})`, async ({ page }) => {
        await page.goto(p.path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectNoSeriousA11yViolations(page, { label: `${p.path} (dark)` });
      });
    }

    test('rules modal and sign-in sheet (dark)', async ({ page }) => {
      await page.goto(articlePath());
      await waitForHydration(page);
      await page.getByRole('main').getByRole('article').getByRole('link', { name: '社区公约', exact: true }).click();
      await expect(page.getByRole('dialog', { name: '社区公约' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, { label: 'rules modal (dark)' });

      await page.goto('/mall');
      await waitForHydration(page);
      await expect(page.getByRole('link', { name: '登录后查看' })).toBeVisible();
      await page.getByRole('button', { name: '立即兑换' }).first().click();
      await expect(page.getByRole('dialog', { name: '登录' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, { label: 'sign-in sheet on /mall (dark)' });
    });
  });
});

test.describe('landmarks and skip link', () => {
  for (const p of PAGES) {
    test(`${p.name} (${p.path})`, async ({ page }) => {
      await page.goto(p.path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('banner')).toHaveCount(1);
      await expect(page.getByRole('main')).toHaveCount(1);
      await expect(page.getByRole('contentinfo')).toHaveCount(1);
      await expect(page.getByRole('navigation').first()).toBeVisible();
      await expect(page.getByRole('main')).toHaveAttribute('id', 'main');
      // Exactly one h1 per page.
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);

      // The skip link is the first thing Tab reaches, becomes visible and moves focus to main.
      const skip = page.getByRole('link', { name: TEXT[p.locale].skip });
      await expect(skip).toHaveAttribute('href', '#main');
      await page.keyboard.press('Tab');
      await expect(skip).toBeFocused();
      await expect(skip).toBeInViewport();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('main')).toBeFocused();
    });
  }
});

test('every locale labels its navigation landmarks', async ({ page }) => {
  for (const locale of LOCALES) {
    await page.goto(localized(locale, '/'));
    await expect(page.getByRole('navigation', { name: TEXT[locale].languageNav, exact: true })).toBeVisible();
    const names = await page.getByRole('navigation').evaluateAll((navs) => navs.map((n) => n.getAttribute('aria-label') ?? n.getAttribute('aria-labelledby')));
    for (const n of names) expect(n, 'every <nav> has an accessible name').toBeTruthy();
    expect(new Set(names).size, 'navigation names are distinct').toBe(names.length);
  }
});
