import { expect, test, type Page } from '@playwright/test';
import { articlePath, rulesPath, TEXT, waitForHydration } from './helpers';

const CATEGORIES = [
  '违反法律法规的信息',
  '不友善',
  '发布垃圾广告信息',
  '色情低俗信息',
  '不实信息',
  '传播封建迷信',
  '文章标题党',
  '「饭圈」乱象行为',
  '其他危害行为或内容',
];

/** The 社区公约 link in the article footer (not the one in the header navigation). */
const rulesLinkIn = (page: Page) => page.getByRole('main').getByRole('article').getByRole('link', { name: '社区公约', exact: true });

async function openRulesFromArticle(page: Page) {
  await page.goto(articlePath());
  await waitForHydration(page);
  await rulesLinkIn(page).click();
  const dialog = page.getByRole('dialog', { name: '社区公约' });
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL('/rules');
  return dialog;
}

test.describe('rules modal (client navigation from the article)', () => {
  test('opens a modal dialog at /rules over the article with the full rules', async ({ page }) => {
    const dialog = await openRulesFromArticle(page);
    // A real modal <dialog>, opened with showModal().
    await expect(dialog).toHaveJSProperty('tagName', 'DIALOG');
    expect(await dialog.evaluate((d) => d.matches(':modal'))).toBe(true);
    await expect(dialog.getByRole('heading', { name: '社区公约' })).toBeVisible();

    // The article is still underneath.
    await expect(page.locator('#article-title')).toHaveText(TEXT['zh-CN'].title);
    await expect(page.getByRole('dialog')).toHaveCount(1);

    // The full rules: nine categories, penalties and appeal.
    const rules = dialog.locator('.rules');
    const categories = rules.locator(':scope > ol > li');
    await expect(categories).toHaveCount(9);
    for (const [i, name] of CATEGORIES.entries()) await expect(categories.nth(i)).toContainText(name);
    await expect(dialog.getByRole('heading', { name: '二、违规处罚' })).toBeAttached();
    await expect(dialog).toContainText('禁言 1 天、7 天、15 天');
    await expect(dialog.getByRole('heading', { name: '三、申诉' })).toBeAttached();
    await expect(dialog).toContainText('（规则的最终解释权归属本网站所有）');
    await expect(dialog.getByRole('button', { name: '我知道了' })).toBeVisible();

    // Focus starts inside the dialog.
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  });

  test('closes on Escape, returns to the article URL and focuses the link again', async ({ page }) => {
    const dialog = await openRulesFromArticle(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(articlePath());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT['zh-CN'].title);
    await expect(rulesLinkIn(page)).toBeFocused();

    // It opens again from the same link.
    await rulesLinkIn(page).click();
    await expect(page.getByRole('dialog', { name: '社区公约' })).toBeVisible();
    await expect(page).toHaveURL('/rules');
  });

  test('closes on 我知道了 and focuses the link again', async ({ page }) => {
    const dialog = await openRulesFromArticle(page);
    await dialog.getByRole('button', { name: '我知道了' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(articlePath());
    await expect(rulesLinkIn(page)).toBeFocused();
  });

  test('closes on browser Back and focuses the link again', async ({ page }) => {
    const dialog = await openRulesFromArticle(page);
    await page.goBack();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(articlePath());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT['zh-CN'].title);
    await expect(rulesLinkIn(page)).toBeFocused();
  });

  test('opened with the keyboard, Tab and Shift+Tab keep focus inside the dialog', async ({ page }) => {
    await page.goto(articlePath());
    await waitForHydration(page);
    await rulesLinkIn(page).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '社区公约' });
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL('/rules');

    const focusInside = () => dialog.evaluate((d) => d.contains(document.activeElement) && document.activeElement !== d);
    await expect.poll(focusInside).toBe(true);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInside(), `focus left the dialog after ${i + 1} Tab presses`).toBe(true);
    }
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusInside(), `focus left the dialog after ${i + 1} Shift+Tab presses`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(articlePath());
    await expect(rulesLinkIn(page)).toBeFocused();
  });

  test('the footer navigation link opens the modal over the home page', async ({ page }) => {
    await page.goto('/');
    await waitForHydration(page);
    const navLink = page.getByRole('navigation', { name: '站点链接' }).getByRole('link', { name: '社区公约' });
    await navLink.click();
    const dialog = page.getByRole('dialog', { name: '社区公约' });
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL('/rules');
    await expect(page.locator('main h1')).toHaveText(TEXT['zh-CN'].homeHeading);
    await dialog.getByRole('button', { name: '我知道了' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL('/');
    await expect(navLink).toBeFocused();
  });

  test('reloading while the modal is open shows the full rules page', async ({ page }) => {
    await openRulesFromArticle(page);
    await page.reload();
    await expect(page).toHaveURL('/rules');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('社区公约');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('zh-TW: the modal opens in Traditional Chinese', async ({ page }) => {
    await page.goto(articlePath('zh-TW'));
    await waitForHydration(page);
    await page.getByRole('main').getByRole('article').getByRole('link', { name: '社區公約', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '社區公約' });
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(rulesPath('zh-TW'));
    await expect(dialog).toContainText('禁言 1 天、7 天、15 天');
    await dialog.getByRole('button', { name: '我知道了' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(articlePath('zh-TW'));
  });
});

test.describe('rules page (direct load)', () => {
  test('shows the full rules as a page, not a dialog', async ({ page }) => {
    const response = await page.goto('/rules');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('社区公约');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const categories = page.locator('main .rules > ol > li');
    await expect(categories).toHaveCount(9);
    // Each category carries the id an editor wrote ({#spam}), so /rules#spam points at it.
    await expect(categories.nth(2)).toHaveAttribute('id', 'spam');
    await expect(categories.nth(2)).toContainText('发布垃圾广告信息：以推广曝光为目的');
    await expect(page.getByRole('main')).not.toContainText('{#');
    await expect(page.getByRole('main')).toContainText('禁言 1 天、7 天、15 天');
    await expect(page.getByRole('heading', { name: '三、申诉' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: '返回首页' })).toHaveAttribute('href', '/');
  });

  test('/zh-CN/rules redirects permanently to /rules', async ({ request }) => {
    const response = await request.get('/zh-CN/rules', { maxRedirects: 0 });
    expect(response.status()).toBe(308);
    expect(new URL(response.headers()['location'] ?? '', 'http://x').pathname).toBe('/rules');
  });
});
