import { expect, test } from '@playwright/test';
import { ARTICLE_DATETIME, ARTICLE_H2, articlePath, AUTHOR_ID, TAG, TEXT } from './helpers';

// A reader far from Beijing: the publication time must still read as Beijing time
// after hydration (no client-side re-formatting in the browser's zone).
test.use({ timezoneId: 'America/New_York' });

test.describe('home page', () => {
  test('lists the article with time, author, summary and keywords, and links to it', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle(/鸟哥笔记/);
    await expect(page.getByRole('heading', { level: 1, name: TEXT['zh-CN'].homeHeading })).toBeVisible();

    const item = page.getByRole('main').getByRole('article').filter({ hasText: TEXT['zh-CN'].title });
    await expect(item).toHaveCount(1);
    const titleLink = item.getByRole('link', { name: TEXT['zh-CN'].title });
    await expect(titleLink).toHaveAttribute('href', articlePath());
    await expect(item.locator('time')).toHaveAttribute('datetime', ARTICLE_DATETIME);
    await expect(item.locator('time')).toContainText('19:39:30');
    await expect(item.locator('time')).toContainText('北京时间');
    await expect(item).toContainText('林先生');
    await expect(item).toContainText('随着现在的电商平台越来越多，线上的商家也越来越多');
    for (const kw of ['电商运营', '电商平台', '运营入门']) {
      await expect(item.getByRole('link', { name: kw, exact: true })).toHaveAttribute('href', `/tags/${encodeURIComponent(kw)}`);
    }

    await titleLink.click();
    await expect(page).toHaveURL(articlePath());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT['zh-CN'].title);
  });
});

test.describe('article page (zh-CN)', () => {
  test.beforeEach(async ({ page }) => {
    const response = await page.goto(articlePath());
    expect(response?.status()).toBe(200);
  });

  test('shows banner, title, Beijing publication time, reading time and author', async ({ page }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('banner')).toContainText('APP推广合作 联系“鸟哥笔记小乔”');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT['zh-CN'].title);
    await expect(page).toHaveTitle(new RegExp(TEXT['zh-CN'].title.replace(/[()（）]/g, '.')));

    const article = page.getByRole('main').getByRole('article');
    const time = article.locator('header time');
    await expect(time).toHaveAttribute('datetime', ARTICLE_DATETIME);
    await expect(time).toContainText('2022');
    await expect(time).toContainText('19:39:30');
    await expect(time).toContainText('北京时间');

    await expect(article.locator('header')).toContainText('发布时间');
    await expect(article.locator('header')).toContainText(/阅读时间\s*约\s*\d+\s*分钟读完/);
    const authorLink = article.locator('header').getByRole('link', { name: '林先生' });
    await expect(authorLink).toHaveAttribute('href', `/authors/${AUTHOR_ID}`);
  });

  test('has the seven section headings and real ordered/unordered lists', async ({ page }) => {
    const body = page.locator('article .prose');
    await expect(body.getByRole('heading', { level: 2 })).toHaveText(ARTICLE_H2);
    await expect(body.locator('ol')).not.toHaveCount(0);
    await expect(body.locator('ul')).not.toHaveCount(0);
    await expect(body.getByRole('listitem')).toHaveCount(18);
    // No Markdown syntax leaks into the text.
    await expect(body).not.toContainText('##');
    await expect(body).not.toContainText('**');
    await expect(body.getByRole('listitem').first()).toContainText('为了帮助产品和用户之间建立和维护好关系');
  });

  test('headings carry stable ids, so a #fragment link opens the article at that section', async ({ page }) => {
    const body = page.locator('article .prose');
    await expect(body.getByRole('heading', { level: 2, name: '一、什么是运营、电商运营' })).toHaveAttribute('id', '一什么是运营电商运营');
    await expect(body.getByRole('heading', { level: 4, name: '（1）平台侧运营' })).toHaveAttribute('id', '1平台侧运营');
    await page.goto(`${articlePath()}#${encodeURIComponent('六学习渠道')}`);
    await expect(body.getByRole('heading', { level: 2, name: '六、学习渠道' })).toBeInViewport();
    await expect(body.getByRole('heading', { level: 2, name: '一、什么是运营、电商运营' })).not.toBeInViewport();
  });

  test('keyword links lead to the tag page', async ({ page }) => {
    const footer = page.locator('article footer');
    const links = footer.locator('a[rel="tag"]');
    await expect(links).toHaveText(['电商运营', '电商平台', '运营入门']);
    await footer.getByRole('link', { name: TAG, exact: true }).click();
    await expect(page).toHaveURL(`/tags/${encodeURIComponent(TAG)}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(TAG);
    await expect(page.getByRole('link', { name: TEXT['zh-CN'].title })).toHaveAttribute('href', articlePath());
  });

  test('links to the community rules', async ({ page }) => {
    const link = page.getByRole('main').getByRole('article').getByRole('link', { name: '社区公约', exact: true });
    await expect(link).toHaveAttribute('href', '/rules');
  });

  test('author card shows name and article count and links to the author page', async ({ page }) => {
    const card = page.getByRole('region', { name: '关于作者' });
    await expect(card).toBeVisible();
    await expect(card).toContainText(TEXT['zh-CN'].articleCount);
    const link = card.getByRole('link', { name: '林先生' });
    await expect(link).toHaveAttribute('href', `/authors/${AUTHOR_ID}`);
    await link.click();
    await expect(page).toHaveURL(`/authors/${AUTHOR_ID}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('作者：林先生');
    await expect(page.getByRole('main')).toContainText('发表文章 353 篇');
    await expect(page.getByRole('main').getByRole('link', { name: TEXT['zh-CN'].title })).toHaveAttribute('href', articlePath());
  });
});

test('zh-TW article shows Traditional Chinese text and chrome', async ({ page }) => {
  const response = await page.goto(articlePath('zh-TW'));
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT['zh-TW'].title);
  await expect(page.getByRole('banner')).toContainText('APP推廣合作');
  const body = page.locator('article .prose');
  await expect(body.getByRole('heading', { level: 2 })).toHaveText([
    '一、什麼是運營、電商運營',
    '二、什麼是電商運營',
    '三、電商平臺關鍵要素',
    '四、電商平臺運營職能分工',
    '五、如何入門',
    '六、學習渠道',
    '總結',
  ]);
  await expect(body.getByRole('listitem')).toHaveCount(18);
  const time = page.locator('article header time');
  await expect(time).toHaveAttribute('datetime', ARTICLE_DATETIME);
  await expect(time).toContainText('19:39:30');
  await expect(time).toContainText('北京時間');
  await expect(page.locator('article header')).toContainText('發佈時間');
  await expect(page.locator('article header').getByRole('link', { name: '林先生' })).toHaveAttribute('href', `/zh-TW/authors/${AUTHOR_ID}`);
  await expect(page.getByRole('main').getByRole('article').getByRole('link', { name: '社區公約', exact: true })).toHaveAttribute('href', '/zh-TW/rules');
  await expect(page.getByRole('region', { name: '關於作者' })).toContainText('發表文章 353 篇');
  // Keyword links: Traditional labels, Simplified keys in the URL.
  await expect(page.locator('article footer a[rel="tag"]')).toHaveText(['電商運營', '電商平臺', '運營入門']);
  await expect(page.locator('article footer').getByRole('link', { name: '電商運營' })).toHaveAttribute('href', `/zh-TW/tags/${encodeURIComponent(TAG)}`);
  // No Simplified-only characters left in the article text.
  await expect(page.getByRole('main')).not.toContainText('电商');
});

test('en article shows English chrome around the Chinese text marked lang="zh-CN"', async ({ page }) => {
  const response = await page.goto(articlePath('en'));
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText(TEXT.en.title);
  await expect(h1).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('article .prose')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('banner').getByText('APP推广合作 联系“鸟哥笔记小乔”')).toHaveAttribute('lang', 'zh-CN');
  const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(breadcrumb.getByRole('link', { name: 'Home' })).toHaveAttribute('href', '/en');
  await expect(breadcrumb.getByRole('listitem').last()).toHaveAttribute('lang', 'zh-CN');
  await expect(breadcrumb.getByRole('listitem').last()).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('article .prose').getByRole('heading', { level: 2 })).toHaveText(ARTICLE_H2);
  await expect(page.locator('article .prose').getByRole('listitem')).toHaveCount(18);

  const header = page.locator('article header');
  await expect(header).toContainText('Published');
  await expect(header).toContainText('Author');
  await expect(header).toContainText(/About \d+ minutes? to read/);
  const time = header.locator('time');
  await expect(time).toHaveAttribute('datetime', ARTICLE_DATETIME);
  await expect(time).toContainText('19:39:30');
  await expect(time).toContainText('Beijing time');
  const authorLink = header.getByRole('link', { name: '林先生' });
  await expect(authorLink).toHaveAttribute('href', `/en/authors/${AUTHOR_ID}`);
  await expect(header.locator('dd').filter({ has: page.getByRole('link', { name: '林先生' }) })).toHaveAttribute('lang', 'zh-CN');

  await expect(page.getByRole('main').getByRole('article').getByRole('link', { name: 'Community rules' })).toHaveAttribute('href', '/en/rules');
  const card = page.getByRole('region', { name: 'About the author' });
  await expect(card).toContainText('353 articles published');
  await expect(page.locator('article footer ul.keyword-list')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('article footer').getByRole('link', { name: TAG })).toHaveAttribute('href', `/en/tags/${encodeURIComponent(TAG)}`);
});
