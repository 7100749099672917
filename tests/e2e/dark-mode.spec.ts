import { expect, test, type Page } from '@playwright/test';
import { articlePath, luminance, waitForHydration } from './helpers';

async function colours(page: Page, selector = 'body') {
  return page.locator(selector).evaluate((el) => {
    const s = getComputedStyle(el);
    return { background: s.backgroundColor, color: s.color };
  });
}

/** WCAG contrast ratio of two luminances. */
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

for (const path of ['/', articlePath(), '/rules']) {
  test.describe(`colour scheme on ${path}`, () => {
    test.describe('dark', () => {
      test.use({ colorScheme: 'dark' });
      test('the body is dark with light text', async ({ page }) => {
        await page.goto(path);
        const { background, color } = await colours(page);
        expect(luminance(background), `body background ${background}`).toBeLessThan(0.05);
        expect(luminance(color), `body text ${color}`).toBeGreaterThan(0.5);
        expect(contrast(luminance(background), luminance(color))).toBeGreaterThanOrEqual(7);
      });
    });

    test.describe('light', () => {
      test.use({ colorScheme: 'light' });
      test('the body is light with dark text', async ({ page }) => {
        await page.goto(path);
        const { background, color } = await colours(page);
        expect(luminance(background), `body background ${background}`).toBeGreaterThan(0.9);
        expect(luminance(color), `body text ${color}`).toBeLessThan(0.1);
        expect(contrast(luminance(background), luminance(color))).toBeGreaterThanOrEqual(7);
      });
    });
  });
}

test.describe('rules modal in the dark', () => {
  test.use({ colorScheme: 'dark' });
  test('the dialog is dark too', async ({ page }) => {
    await page.goto(articlePath());
    await waitForHydration(page);
    await page.getByRole('main').getByRole('article').getByRole('link', { name: '社区公约', exact: true }).click();
    await expect(page.getByRole('dialog', { name: '社区公约' })).toBeVisible();
    const { background, color } = await colours(page, 'dialog');
    expect(luminance(background), `dialog background ${background}`).toBeLessThan(0.05);
    expect(luminance(color), `dialog text ${color}`).toBeGreaterThan(0.5);
  });
});
