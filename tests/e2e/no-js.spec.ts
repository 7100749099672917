import { expect, test } from '@playwright/test';
import { ARTICLE_DATETIME, ARTICLE_H2, articlePath, rulesPath, TEXT } from './helpers';

// Readers without JavaScript (and crawlers) get everything from the server HTML.
test.use({ javaScriptEnabled: false });

test('the article is fully readable without JavaScript', async ({ page }) => {
  const response = await page.goto(articlePath());
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('banner')).toContainText('APP推广合作 联系“鸟哥笔记小乔”');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT['zh-CN'].title);
  const time = page.locator('article header time');
  await expect(time).toHaveAttribute('datetime', ARTICLE_DATETIME);
  await expect(time).toContainText('19:39:30');
  await expect(time).toContainText('北京时间');
  const body = page.locator('article .prose');
  await expect(body.getByRole('heading', { level: 2 })).toHaveText(ARTICLE_H2);
  await expect(body.getByRole('listitem')).toHaveCount(18);
  await expect(body).toContainText('一定要抱有终身学习的心态');
  await expect(page.getByRole('region', { name: '关于作者' })).toContainText('发表文章 353 篇');
  await expect(page.getByRole('navigation', { name: '语言' }).getByRole('link')).toHaveText(['简体', '繁體', 'English']);
});

test('following 社区公约 without JavaScript opens the full rules page', async ({ page }) => {
  await page.goto(articlePath());
  await page.getByRole('main').getByRole('article').getByRole('link', { name: '社区公约', exact: true }).click();
  await expect(page).toHaveURL(rulesPath());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('社区公约');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('main .rules > ol > li')).toHaveCount(9);
  await expect(page.getByRole('main')).toContainText('禁言 1 天、7 天、15 天');
  await expect(page.getByRole('heading', { name: '三、申诉' })).toBeVisible();
});

test('the rules page is fully readable without JavaScript (zh-TW)', async ({ page }) => {
  const response = await page.goto(rulesPath('zh-TW'));
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('社區公約');
  await expect(page.locator('main .rules > ol > li')).toHaveCount(9);
  await expect(page.getByRole('heading', { name: '二、違規處罰' })).toBeVisible();
});

test('the language switcher works without JavaScript', async ({ page }) => {
  await page.goto(articlePath());
  await page.getByRole('navigation', { name: '语言' }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(articlePath('en'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('article header')).toContainText('Published');
});

test('author and keyword links work without JavaScript', async ({ page }) => {
  await page.goto(articlePath());
  await page.locator('article header').getByRole('link', { name: '林先生' }).click();
  await expect(page).toHaveURL('/authors/lin-xiansheng');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('作者：林先生');
  await page.getByRole('main').getByRole('link', { name: '电商运营' }).click();
  await expect(page).toHaveURL(`/tags/${encodeURIComponent('电商运营')}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('电商运营');
});
