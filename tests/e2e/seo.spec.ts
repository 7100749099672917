import { expect, test, type Page } from '@playwright/test';
import { ARTICLE_DATETIME, articlePath, LOCALES, localized, SLUG, TEXT, type Locale } from './helpers';

type Head = {
  title: string;
  canonical: string[];
  alternates: Array<{ hreflang: string; href: string }>;
  rss: string[];
  meta: Record<string, string[]>;
  jsonLd: string[];
};

/** Parses server HTML with the browser's DOMParser (scripts never run) and reads the SEO tags. */
async function readHead(page: Page, html: string): Promise<Head> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const meta: Record<string, string[]> = {};
    for (const m of Array.from(doc.querySelectorAll('meta[property], meta[name]'))) {
      const key = m.getAttribute('property') ?? m.getAttribute('name') ?? '';
      (meta[key] ??= []).push(m.getAttribute('content') ?? '');
    }
    return {
      title: doc.title,
      canonical: Array.from(doc.querySelectorAll('link[rel="canonical"]')).map((l) => l.getAttribute('href') ?? ''),
      alternates: Array.from(doc.querySelectorAll('link[rel="alternate"][hreflang]')).map((l) => ({
        hreflang: l.getAttribute('hreflang') ?? '',
        href: l.getAttribute('href') ?? '',
      })),
      rss: Array.from(doc.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')).map((l) => l.getAttribute('href') ?? ''),
      meta,
      jsonLd: Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).map((s) => s.textContent ?? ''),
    };
  }, html);
}

const pathOf = (url: string) => {
  const u = new URL(url);
  return decodeURIComponent(u.pathname) + u.search;
};

type JsonLdNode = Record<string, unknown> & { '@type'?: string | string[] };

function flattenJsonLd(scripts: string[]): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  const add = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') {
      const o = v as JsonLdNode;
      if (Array.isArray(o['@graph'])) add(o['@graph']);
      else nodes.push(o);
    }
  };
  for (const s of scripts) add(JSON.parse(s) as unknown);
  return nodes;
}
const isType = (n: JsonLdNode, t: string) => (Array.isArray(n['@type']) ? n['@type'].includes(t) : n['@type'] === t);

test.beforeEach(async ({ page }) => {
  await page.goto('about:blank');
});

for (const locale of LOCALES) {
  test(`${locale} article: canonical, hreflang alternates, Open Graph and JSON-LD`, async ({ request, page }) => {
    const response = await request.get(articlePath(locale));
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
    const head = await readHead(page, await response.text());

    expect(head.title).toContain(TEXT[locale].title);

    expect(head.canonical).toHaveLength(1);
    const canonical = head.canonical[0] ?? '';
    expect(canonical).toMatch(/^https?:\/\//);
    expect(pathOf(canonical)).toBe(articlePath(locale));
    const origin = new URL(canonical).origin;

    const alt = Object.fromEntries(head.alternates.map((a) => [a.hreflang, a.href]));
    expect(Object.keys(alt).sort()).toEqual(['en', 'x-default', 'zh-CN', 'zh-TW']);
    for (const l of LOCALES) expect(alt[l], `hreflang=${l}`).toBe(`${origin}${articlePath(l)}`);
    expect(alt['x-default']).toBe(`${origin}${articlePath('zh-CN')}`);

    expect(head.meta['og:title']).toEqual([TEXT[locale].title]);
    expect(head.meta['og:type']).toEqual(['article']);
    expect(head.meta['og:url']).toEqual([canonical]);
    expect(head.meta['og:locale']).toEqual([{ 'zh-CN': 'zh_CN', 'zh-TW': 'zh_TW', en: 'en_US' }[locale]]);
    expect(head.meta['article:published_time']).toEqual([ARTICLE_DATETIME]);
    expect(head.meta['description']?.[0]).toBeTruthy();

    expect(head.jsonLd.length).toBeGreaterThan(0);
    const nodes = flattenJsonLd(head.jsonLd);
    const article = nodes.find((n) => isType(n, 'Article'));
    expect(article, 'JSON-LD Article').toBeTruthy();
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      headline: TEXT[locale].title,
      datePublished: ARTICLE_DATETIME,
      author: { '@type': 'Person', name: TEXT[locale].author },
      publisher: { '@type': 'Organization' },
    });
    expect((article?.['publisher'] as { name?: string }).name).toBeTruthy();
    expect(article?.['url'] ?? article?.['mainEntityOfPage']).toBe(canonical);

    const breadcrumbs = nodes.find((n) => isType(n, 'BreadcrumbList'));
    expect(breadcrumbs, 'JSON-LD BreadcrumbList').toBeTruthy();
    const items = breadcrumbs?.['itemListElement'] as Array<{ position: number; name: string; item: string }>;
    expect(items.map((i) => i.position)).toEqual([1, 2]);
    expect(pathOf(items[0]?.item ?? '')).toBe(localized(locale, '/'));
    expect(items[1]).toMatchObject({ name: TEXT[locale].title, item: canonical });
  });
}

test('home, rules, tag and author pages have their own canonical and alternates', async ({ request, page }) => {
  for (const locale of LOCALES) {
    for (const path of ['/', '/rules', `/tags/${encodeURIComponent('电商运营')}`, '/authors/lin-xiansheng']) {
      const url = localized(locale, path);
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      const head = await readHead(page, await response.text());
      expect(head.canonical.map(pathOf), `canonical of ${url}`).toEqual([decodeURIComponent(url)]);
      const langs = head.alternates.map((a) => a.hreflang).sort();
      expect(langs, `hreflang of ${url}`).toEqual(['en', 'x-default', 'zh-CN', 'zh-TW']);
    }
  }
});

// The layout declares the locale's feed (<link rel="alternate" type="application/rss+xml">)
// for every page; pages that set their own `alternates` must not lose it.
test("every page advertises its locale's RSS feed", async ({ request, page }) => {
  const missing: string[] = [];
  for (const locale of LOCALES) {
    for (const path of ['/', `/articles/${SLUG}`, '/rules', `/tags/${encodeURIComponent('电商运营')}`, '/authors/lin-xiansheng']) {
      const url = localized(locale, path);
      const head = await readHead(page, await (await request.get(url)).text());
      const feeds = head.rss.map(pathOf);
      if (feeds.length !== 1 || feeds[0] !== localized(locale, '/feed.xml')) missing.push(`${url}: ${JSON.stringify(feeds)}`);
    }
  }
  expect(missing, `pages without <link rel="alternate" type="application/rss+xml" href="…/feed.xml">:\n${missing.join('\n')}`).toEqual([]);
});

test('sitemap.xml lists the article in all three locales with xhtml:link alternates', async ({ request, page }) => {
  const response = await request.get('/sitemap.xml');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/xml/);
  const xml = await response.text();
  const urls = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'application/xml');
    if (doc.querySelector('parsererror')) throw new Error('sitemap.xml is not well-formed XML');
    const SM = 'http://www.sitemaps.org/schemas/sitemap/0.9';
    const XHTML = 'http://www.w3.org/1999/xhtml';
    return Array.from(doc.getElementsByTagNameNS(SM, 'url')).map((u) => ({
      loc: u.getElementsByTagNameNS(SM, 'loc')[0]?.textContent?.trim() ?? '',
      links: Array.from(u.getElementsByTagNameNS(XHTML, 'link')).map((l) => ({
        rel: l.getAttribute('rel'),
        hreflang: l.getAttribute('hreflang') ?? '',
        href: l.getAttribute('href') ?? '',
      })),
    }));
  }, xml);

  for (const locale of LOCALES) {
    const entry = urls.find((u) => pathOf(u.loc) === articlePath(locale));
    expect(entry, `sitemap entry for ${articlePath(locale)}`).toBeTruthy();
    const origin = new URL(entry?.loc ?? '').origin;
    const alt = Object.fromEntries((entry?.links ?? []).filter((l) => l.rel === 'alternate').map((l) => [l.hreflang, l.href]));
    expect(alt).toEqual({
      'zh-CN': `${origin}${articlePath('zh-CN')}`,
      'zh-TW': `${origin}${articlePath('zh-TW')}`,
      en: `${origin}${articlePath('en')}`,
      'x-default': `${origin}${articlePath('zh-CN')}`,
    });
  }
  // Every URL in the sitemap is a page that exists.
  for (const { loc } of urls) {
    const res = await request.get(new URL(loc).pathname, { maxRedirects: 0 });
    expect(res.status(), `sitemap URL ${loc}`).toBe(200);
  }
});

test('robots.txt names the sitemap', async ({ request }) => {
  const response = await request.get('/robots.txt');
  expect(response.status()).toBe(200);
  const text = await response.text();
  const line = text.split('\n').find((l) => /^sitemap:/i.test(l.trim()));
  expect(line, `robots.txt:\n${text}`).toBeTruthy();
  const url = line?.replace(/^sitemap:\s*/i, '').trim() ?? '';
  expect(url).toMatch(/^https?:\/\/.+\/sitemap\.xml$/);
  expect(new URL(url).pathname).toBe('/sitemap.xml');
  expect(text).not.toMatch(/^disallow:\s*\/\s*$/im);
});

const FEED_TITLE: Record<Locale, string> = { 'zh-CN': '鸟哥笔记 · 最新文章', 'zh-TW': '鳥哥筆記 · 最新文章', en: 'Niaoge Notes · Latest articles' };

for (const locale of LOCALES) {
  test(`${localized(locale, '/feed.xml')} is RSS with the article`, async ({ request, page }) => {
    const response = await request.get(localized(locale, '/feed.xml'));
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/application\/rss\+xml|xml/);
    const feed = await page.evaluate(
      (source) => {
        const doc = new DOMParser().parseFromString(source, 'application/xml');
        if (doc.querySelector('parsererror')) throw new Error('feed is not well-formed XML');
        const channel = doc.querySelector('rss > channel');
        return {
          root: doc.documentElement.nodeName,
          version: doc.documentElement.getAttribute('version'),
          title: channel?.querySelector(':scope > title')?.textContent ?? '',
          language: channel?.querySelector(':scope > language')?.textContent ?? '',
          items: Array.from(doc.querySelectorAll('rss > channel > item')).map((i) => ({
            title: i.querySelector('title')?.textContent ?? '',
            link: i.querySelector('link')?.textContent?.trim() ?? '',
            pubDate: i.querySelector('pubDate')?.textContent ?? '',
          })),
        };
      },
      await response.text(),
    );
    expect(feed.root).toBe('rss');
    expect(feed.version).toBe('2.0');
    expect(feed.title).toBe(FEED_TITLE[locale]);
    expect(feed.language).toBe(locale);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]?.title).toBe(TEXT[locale].title);
    expect(pathOf(feed.items[0]?.link ?? '')).toBe(articlePath(locale));
    expect(new Date(feed.items[0]?.pubDate ?? '').toISOString()).toBe(new Date(ARTICLE_DATETIME).toISOString());
    expect(feed.items[0]?.link).toContain(`/articles/${SLUG}`);
  });
}
