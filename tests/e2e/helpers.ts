import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** The one article in content/. */
export const SLUG = 'how-ecommerce-operations-work';
export const ARTICLE_DATETIME = '2022-06-17T19:39:30+08:00';
export const AUTHOR_ID = 'lin-xiansheng';
/** A keyword of the article; its Simplified form is the tag key in URLs in every locale. */
export const TAG = '电商运营';

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** `path` (without locale prefix) in `locale`: zh-CN has no prefix. */
export function localized(locale: Locale, path: string): string {
  if (locale === 'zh-CN') return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

export const articlePath = (locale: Locale = 'zh-CN') => localized(locale, `/articles/${SLUG}`);
export const rulesPath = (locale: Locale = 'zh-CN') => localized(locale, '/rules');
export const tagPath = (locale: Locale = 'zh-CN') => localized(locale, `/tags/${encodeURIComponent(TAG)}`);
export const authorPath = (locale: Locale = 'zh-CN') => localized(locale, `/authors/${AUTHOR_ID}`);

/** Strings of each locale that the tests look for (messages/*.json and content/). */
export const TEXT = {
  'zh-CN': {
    title: '电商是怎么运营的（做电商的都应该看看）',
    beijingTime: '北京时间',
    published: '发布时间',
    rulesLink: '社区公约',
    rulesTitle: '社区公约',
    close: '我知道了',
    languageNav: '语言',
    skip: '跳到正文',
    notFound: '页面不存在',
    author: '林先生',
    articleCount: '发表文章 353 篇',
    homeHeading: '最新文章',
  },
  'zh-TW': {
    title: '電商是怎麼運營的（做電商的都應該看看）',
    beijingTime: '北京時間',
    published: '發布時間',
    rulesLink: '社區公約',
    rulesTitle: '社區公約',
    close: '我知道了',
    languageNav: '語言',
    skip: '跳到正文',
    notFound: '頁面不存在',
    author: '林先生',
    articleCount: '發表文章 353 篇',
    homeHeading: '最新文章',
  },
  en: {
    // The article itself is not translated: English chrome around Simplified Chinese text.
    title: '电商是怎么运营的（做电商的都应该看看）',
    beijingTime: 'Beijing time',
    published: 'Published',
    rulesLink: 'Community rules',
    rulesTitle: '社区公约',
    close: 'Got it',
    languageNav: 'Language',
    skip: 'Skip to content',
    notFound: 'Page not found',
    author: '林先生',
    articleCount: '353 articles published',
    homeHeading: 'Latest articles',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/** The seven h2 headings of the article body (Simplified source). */
export const ARTICLE_H2 = [
  '一、什么是运营、电商运营',
  '二、什么是电商运营',
  '三、电商平台关键要素',
  '四、电商平台运营职能分工',
  '五、如何入门',
  '六、学习渠道',
  '总结',
];

/**
 * Runs axe on the current page (or only inside `include`) and fails with a readable
 * list when any violation is serious or critical.
 */
export async function expectNoSeriousA11yViolations(page: Page, opts: { include?: string; label?: string } = {}) {
  let builder = new AxeBuilder({ page });
  if (opts.include) builder = builder.include(opts.include);
  const results = await builder.analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`)
          .join('\n'),
    )
    .join('\n');
  expect(bad, `axe found serious/critical violations on ${opts.label ?? page.url()}:\n${report}`).toEqual([]);
}

/** Relative luminance (WCAG) of a CSS rgb()/rgba() colour string. */
export function luminance(cssColor: string): number {
  const m = cssColor.match(/rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/);
  if (!m) throw new Error(`not an rgb() colour: ${cssColor}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Waits until React has hydrated the page (its fiber is attached to the DOM), so
 * a click on a link is a client navigation rather than a full page load. Links
 * inside `[data-server-html]` (the article's body and contents list) are plain HTML
 * React never sees, so they are not waited for.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const links = Array.from(document.querySelectorAll('main a[href]')).filter((a) => !a.closest('[data-server-html]'));
    const hydrated = (el: Element) => Object.keys(el).some((k) => k.startsWith('__reactProps$'));
    return hydrated(document.body) && links.length > 0 && links.every(hydrated);
  });
}

/** Waits until React has hydrated the element `selector` points at (for pages with no links in main). */
export async function waitForHydrationOf(page: Page, selector: string) {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el !== null && Object.keys(el).some((k) => k.startsWith('__reactProps$'));
  }, selector);
}

/** Where the phone screenshots are kept after a run (CI keeps test-results/ as artifacts). */
export const SCREENSHOT_DIR = path.join('test-results', 'screenshots');

/**
 * A screenshot kept as a file under test-results/screenshots/<name>.png, passing or
 * not (Playwright writes attachments only for its HTML report), and attached to the test.
 */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string, options: Parameters<Page['screenshot']>[0] = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ ...options, path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}
