import { expect, test } from '@playwright/test';
import { ARTICLE_DATETIME, ARTICLE_H2, articlePath, AUTHOR_ID, TAG, tagPath, TEXT } from './helpers';

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
    await expect(item.locator('time')).toHaveText('2022年6月17日 19:39:30 北京时间');
    await expect(item).toContainText('林先生');
    await expect(item).toContainText('随着现在的电商平台越来越多，线上的商家也越来越多');
    for (const kw of ['电商运营', '电商平台', '运营入门']) {
      await expect(item.getByRole('link', { name: kw, exact: true })).toHaveAttribute('href', `/tags/${encodeURIComponent(kw)}`);
    }
    // Only the list's own items are ruled off, not the keyword pills inside one.
    await expect(item.getByRole('link', { name: '电商运营', exact: true }).locator('xpath=ancestor::li[1]')).toHaveCSS('border-bottom-width', '0px');

    await titleLink.click();
    await expect(page).toHaveURL(articlePath());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT['zh-CN'].title);
    // The body is not in the flight data a client-side navigation gets: the page must still show it.
    await expect(page.locator('article .prose').getByText(BODY_SENTENCE)).toBeVisible();
  });
});

// A sentence of the body that is not in the summary, so the description, JSON-LD and
// Open Graph tags do not repeat it.
const BODY_SENTENCE = '做电商最重要的是我们自己要琢磨出一套属于自己店铺的话术';

test.describe('article body in the HTML (issue 11)', () => {
  test('the body is in the served page once, as HTML, and not again in the flight scripts', async ({ request }) => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const html = await (await request.get(articlePath(locale))).text();
      expect(html.split(BODY_SENTENCE).length - 1, locale).toBe(1);
      const flight = [...html.matchAll(/<script[^>]*>(self\.__next_f[\s\S]*?)<\/script>/g)].map((m) => m[1]).join('');
      expect(flight.length, locale).toBeGreaterThan(1000);
      expect(flight, locale).not.toContain(BODY_SENTENCE);
      expect(flight, locale).not.toContain('六、学习渠道</h2>');
    }
  });

  test('back and forward inside the app show the body again', async ({ page }) => {
    await page.goto(articlePath());
    const sentence = page.locator('article .prose').getByText(BODY_SENTENCE);
    await expect(sentence).toBeVisible();
    // A mark on the window survives only if no page load happened in between.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.locator('article footer').getByRole('link', { name: TAG, exact: true }).click();
    await expect(page).toHaveURL(`/tags/${encodeURIComponent(TAG)}`);
    await page.goBack();
    await expect(page).toHaveURL(articlePath());
    await expect(sentence).toBeVisible();
    // Shown from this tab's copy, inside the app: no reload.
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    await expect(page.locator('article .prose').getByRole('heading', { level: 2 })).toHaveText(ARTICLE_H2);
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(TAG);
    await page.getByRole('main').getByRole('link', { name: TEXT['zh-CN'].title }).click();
    await expect(page).toHaveURL(articlePath());
    await expect(sentence).toBeVisible();
  });

  test('a client-side navigation to an article not shown in this tab yet still ends with its body', async ({ page }) => {
    // next/link elsewhere (notifications, the reader's page) navigates inside the app; the
    // flight data it gets has no body, so the page loads itself in full.
    await page.goto(tagPath());
    await expect(page.getByRole('heading', { level: 1 })).toContainText(TAG);
    await page.evaluate((href) => (window as unknown as { next: { router: { push(href: string): void } } }).next.router.push(href), articlePath('en'));
    await expect(page).toHaveURL(articlePath('en'));
    await expect(page.locator('article .prose').getByText(BODY_SENTENCE)).toBeVisible();
    await expect(page.locator('article .prose').getByRole('heading', { level: 2 })).toHaveText(ARTICLE_H2);
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

  test('no heading is smaller than the body text; one opening with a full-width bracket starts at the left edge', async ({ page }) => {
    const { paragraph, headings } = await page.evaluate(() => {
      const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
      return {
        paragraph: px(document.querySelector('article .prose p')!),
        headings: Array.from(document.querySelectorAll('h2, h3, h4'), (h) => ({ text: h.textContent!.trim(), size: px(h) })),
      };
    });
    expect(headings.map((h) => h.text)).toContain('关于作者');
    for (const h of headings) expect(h.size, h.text).toBeGreaterThanOrEqual(paragraph);

    // 「（」 is drawn in the right half of its em box: trimmed at the line's start, the
    // bracket's ink sits at the left edge, as the first character of any other heading does.
    const measure = (name: string) =>
      page.getByRole('heading', { name }).evaluate((h) => {
        const text = document.createTreeWalker(h, NodeFilter.SHOW_TEXT).nextNode()!;
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEnd(text, 1);
        const glyph = range.getBoundingClientRect();
        range.setStart(text, 1);
        range.setEnd(text, 2);
        const next = range.getBoundingClientRect();
        return { edge: h.getBoundingClientRect().left, glyph: glyph.left, width: next.left - glyph.left, em: parseFloat(getComputedStyle(h).fontSize) };
      });
    const bracket = await measure('（1）平台侧运营');
    const plain = await measure('一、什么是运营、电商运营');
    expect(plain.glyph - plain.edge).toBeLessThan(1);
    expect(bracket.glyph - bracket.edge).toBeLessThan(1);
    // Half an em, not a full one: the blank half before the bracket's ink is gone.
    expect(bracket.width).toBeLessThan(bracket.em * 0.7);
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
  // Taiwan phrases (用户 → 使用者) and corner quotes, as README "zh-TW wording" decides.
  await expect(body.getByRole('heading', { level: 3 })).toHaveText(['1.「使用者獲取」階段運營職能', '2.「使用者維繫」階段運營職能']);
  await expect(body.getByRole('listitem')).toHaveCount(18);
  const time = page.locator('article header time');
  await expect(time).toHaveAttribute('datetime', ARTICLE_DATETIME);
  await expect(time).toContainText('19:39:30');
  await expect(time).toContainText('北京時間');
  await expect(page.locator('article header')).toContainText('發布時間');
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
