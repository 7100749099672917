import { expect, test } from '@playwright/test';
import { articlePath, authorPath, localized, rulesPath, tagPath, TEXT, waitForHydration, type Locale } from './helpers';

test.use({ viewport: { width: 375, height: 812 } });

const pages = (locale: Locale) => [
  { name: 'home', path: localized(locale, '/') },
  { name: 'article', path: articlePath(locale) },
  { name: 'rules', path: rulesPath(locale) },
  { name: 'tag', path: tagPath(locale) },
  { name: 'author', path: authorPath(locale) },
  { name: 'mall', path: localized(locale, '/mall') },
  { name: 'comments', path: `${articlePath(locale)}/comments` },
  { name: 'sign-in', path: localized(locale, '/sign-in') },
  { name: 'sign-up', path: localized(locale, '/sign-up') },
  { name: 'privacy', path: localized(locale, '/privacy') },
  // Signed-in pages (/me, /feedback, /moderation) are measured in phone-pages.spec.ts.
];

for (const locale of ['zh-CN', 'zh-TW'] as const) {
  test.describe(`375 px, ${locale}: no horizontal scrolling`, () => {
    for (const p of pages(locale)) {
      test(`${p.name} (${p.path})`, async ({ page }) => {
        const response = await page.goto(p.path);
        expect(response?.status()).toBe(200);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        const size = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        expect(size.innerWidth).toBe(375);
        // On failure, name the elements that stick out to make it actionable.
        const wide =
          size.scrollWidth <= size.innerWidth
            ? []
            : await page.evaluate(() =>
                Array.from(document.querySelectorAll('body *'))
                  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
                  .slice(0, 8)
                  .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> right=${Math.round(el.getBoundingClientRect().right)}`),
              );
        expect(
          size.scrollWidth,
          `document is ${size.scrollWidth}px wide in a ${size.innerWidth}px viewport; too wide:\n${wide.join('\n')}`,
        ).toBeLessThanOrEqual(size.innerWidth);
      });
    }
  });
}

test('375 px: the rules modal fits the screen and closes', async ({ page }) => {
  await page.goto(articlePath());
  await waitForHydration(page);
  await page.getByRole('main').getByRole('article').getByRole('link', { name: TEXT['zh-CN'].rulesLink, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '社区公约' });
  await expect(dialog).toBeVisible();
  const box = await dialog.boundingBox();
  expect(box).not.toBeNull();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(812);
  const close = dialog.getByRole('button', { name: '我知道了' });
  await expect(close).toBeInViewport();
  await close.click();
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(articlePath());
});
