import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// buildFeed asks next-intl for the Feed strings; outside a Next.js request there is no
// request config, so hand it the real message files.
vi.mock('next-intl/server', () => ({
  getTranslations: async ({ locale, namespace }: { locale: string; namespace: string }) => {
    const messages = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, Record<string, string>>;
    return (key: string) => messages[namespace]![key]!;
  },
}));

// jsdom (installed for the component tests) ships no types; only its XML parser is used here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new () => { window: { DOMParser: typeof DOMParser } } };

const SITE = 'https://niaoge.example';
const FIXTURE = 'tests/fixtures/content-with-new-article';
const NEW_SLUG = 'private-traffic-and-live-selling';
const OLD_SLUG = 'how-ecommerce-operations-work';
const NEW_KEYWORD = '私域流量';
const NEW_TITLE = '私域流量 & 直播带货：新手该从哪里开始';

type Site = typeof import('@/lib/content/site');
type SiteIndex = typeof import('@/lib/site-index');
type Feed = typeof import('@/lib/content/feed');

/** Imports the site model afresh (it caches content per process) for a content folder. */
async function loadSite(contentDir: string | undefined) {
  vi.resetModules();
  vi.unstubAllEnvs();
  if (contentDir) vi.stubEnv('CONTENT_DIR', contentDir);
  vi.stubEnv('SITE_URL', SITE);
  const site: Site = await import('@/lib/content/site');
  const index: SiteIndex = await import('@/lib/site-index');
  const feed: Feed = await import('@/lib/content/feed');
  return { site, index, feed };
}

afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('site model on content/ (no CONTENT_DIR)', () => {
  it('lists the one shipped article', async () => {
    const { site } = await loadSite(undefined);
    expect(site.listArticles('zh-CN').map((a) => a.slug)).toEqual([OLD_SLUG]);
    expect(site.getTag('zh-CN', NEW_KEYWORD)).toBeUndefined();
  });
});

describe('site model on a content folder with a new article (CONTENT_DIR)', () => {
  let site: Site;
  let index: SiteIndex;
  let feed: Feed;
  beforeAll(async () => {
    ({ site, index, feed } = await loadSite(FIXTURE));
  });

  describe('listArticles', () => {
    it('lists the new article first (newest first by publishedAt)', () => {
      const articles = site.listArticles('zh-CN');
      expect(articles.map((a) => a.slug)).toEqual([NEW_SLUG, OLD_SLUG]);
      const times = articles.map((a) => Date.parse(a.publishedAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('summarises the new article with its author and reading time', () => {
      const a = site.listArticles('zh-CN')[0]!;
      expect(a).toMatchObject({
        slug: NEW_SLUG,
        title: NEW_TITLE,
        publishedAt: '2024-03-08T10:00:00+08:00',
        author: { id: 'lin-xiansheng', name: '林先生', articleCount: 353, lang: 'zh-CN' },
        readingMinutes: 1,
        lang: 'zh-CN',
      });
      expect(a.keywords).toEqual([
        { key: NEW_KEYWORD, label: NEW_KEYWORD },
        { key: '电商运营', label: '电商运营' },
      ]);
    });

    it('localises for zh-TW but keeps the Simplified keyword as the key', () => {
      const a = site.listArticles('zh-TW')[0]!;
      expect(a.title).toBe('私域流量 & 直播帶貨：新手該從哪裡開始');
      expect(a.lang).toBe('zh-TW');
      expect(a.keywords[1]).toEqual({ key: '电商运营', label: '電商運營' });
      expect(site.listArticles('en')[0]!.title).toBe(NEW_TITLE);
    });

    it('renders the new article as a lead and its sections, with stable ids', () => {
      const view = site.getArticle('zh-CN', NEW_SLUG);
      expect(view?.parts.map((p) => (p.kind === 'section' ? [p.kind, p.heading.level, p.heading.id, p.heading.text] : [p.kind]))).toEqual([
        ['lead'],
        ['section', 2, '一什么是私域流量', '一、什么是私域流量'],
        ['section', 2, '总结', '总结'],
      ]);
      // The heading element carries its id; zh-TW converts the text but keeps the id.
      const tw = site.getArticle('zh-TW', NEW_SLUG)?.parts[1];
      expect(tw?.kind === 'section' && tw.heading).toMatchObject({
        id: '一什么是私域流量',
        text: '一、什麼是私域流量',
        node: { tagName: 'h2', properties: { id: '一什么是私域流量' } },
      });
      expect(site.getArticle('zh-CN', 'no-such-article')).toBeUndefined();
    });
  });

  describe('tags and authors', () => {
    it('getTag(new keyword) has the new article only', () => {
      const tag = site.getTag('zh-CN', NEW_KEYWORD);
      expect(tag?.tag).toEqual({ key: NEW_KEYWORD, label: NEW_KEYWORD });
      expect(tag?.articles.map((a) => a.slug)).toEqual([NEW_SLUG]);
    });

    it('a shared keyword lists both articles, newest first', () => {
      expect(site.getTag('zh-CN', '电商运营')?.articles.map((a) => a.slug)).toEqual([NEW_SLUG, OLD_SLUG]);
      expect(site.getTag('zh-TW', '电商运营')?.tag).toEqual({ key: '电商运营', label: '電商運營' });
      expect(site.getTag('zh-CN', '不存在的关键词')).toBeUndefined();
    });

    it('listTags has every keyword once', () => {
      expect(
        site
          .listTags('zh-CN')
          .map((t) => t.key)
          .sort(),
      ).toEqual(['电商平台', '电商运营', '私域流量', '运营入门'].sort());
    });

    it('the author has both articles', () => {
      expect(site.listAuthorIds()).toEqual(['lin-xiansheng']);
      expect(site.getAuthor('zh-CN', 'lin-xiansheng')?.articles.map((a) => a.slug)).toEqual([NEW_SLUG, OLD_SLUG]);
      expect(site.getAuthor('zh-CN', 'nobody')).toBeUndefined();
    });
  });

  describe('buildSitemap (lib/site-index.ts)', () => {
    const LOCALE_PREFIX = { 'zh-CN': '', 'zh-TW': '/zh-TW', en: '/en' } as const;

    it('lists every public path, in every locale', () => {
      const paths = index.listPublicPaths().map((p) => p.path);
      expect(paths).toEqual([
        '/',
        '/rules',
        '/privacy',
        '/terms',
        `/articles/${NEW_SLUG}`,
        `/articles/${OLD_SLUG}`,
        ...site.listTags('zh-CN').map((t) => `/tags/${encodeURIComponent(t.key)}`),
        '/authors/lin-xiansheng',
      ]);
      const sitemap = index.buildSitemap();
      expect(sitemap).toHaveLength(paths.length * 3);
      const urls = sitemap.map((e) => e.url);
      expect(new Set(urls).size).toBe(urls.length);
      for (const path of paths) {
        for (const prefix of Object.values(LOCALE_PREFIX)) {
          expect(urls).toContain(path === '/' ? `${SITE}${prefix}` : `${SITE}${prefix}${path}`);
        }
      }
    });

    it('has the new article and its tag in all three locales, dated by publication', () => {
      const sitemap = index.buildSitemap();
      for (const prefix of Object.values(LOCALE_PREFIX)) {
        const entry = sitemap.find((e) => e.url === `${SITE}${prefix}/articles/${NEW_SLUG}`);
        expect(entry?.lastModified).toBe('2024-03-08T10:00:00+08:00');
        expect(sitemap.map((e) => e.url)).toContain(`${SITE}${prefix}/tags/%E7%A7%81%E5%9F%9F%E6%B5%81%E9%87%8F`);
      }
      // The home page changes when the newest article does.
      expect(sitemap.find((e) => e.url === SITE)?.lastModified).toBe('2024-03-08T10:00:00+08:00');
    });

    it('gives every entry its zh-CN, zh-TW, en and x-default alternates', () => {
      for (const entry of index.buildSitemap()) {
        const languages = entry.alternates?.languages as Record<string, string>;
        expect(Object.keys(languages).sort()).toEqual(['en', 'x-default', 'zh-CN', 'zh-TW']);
        expect(Object.values(languages)).toContain(entry.url);
        expect(languages['x-default']).toBe(languages['zh-CN']);
        const path = languages['zh-CN']!.slice(SITE.length) || '/';
        expect(languages['zh-TW']).toBe(`${SITE}/zh-TW${path === '/' ? '' : path}`);
        expect(languages.en).toBe(`${SITE}/en${path === '/' ? '' : path}`);
      }
    });
  });

  describe('RSS (lib/content/feed.ts buildRss)', () => {
    const channelFor = (locale: 'zh-CN' | 'zh-TW' | 'en') => ({
      title: 'Feed <title> & "quotes" \'apos\'',
      description: '鸟哥笔记的最新电商运营文章。',
      siteUrl: SITE,
      feedUrl: `${SITE}/feed.xml`,
      language: locale,
      items: site.listArticles(locale).map((a) => ({
        title: a.title,
        url: `${SITE}/articles/${a.slug}?a=1&b=2`,
        summary: a.summary,
        publishedAt: a.publishedAt,
        author: a.author.name,
        categories: a.keywords.map((k) => k.label),
      })),
    });

    const parseXml = (xml: string) => {
      const doc = new new JSDOM().window.DOMParser().parseFromString(xml, 'application/xml');
      expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
      return doc;
    };

    it('has the new article first, with its title and URL, escaped', () => {
      const xml = feed.buildRss(channelFor('zh-CN'));
      expect(xml).toContain('<title>私域流量 &amp; 直播带货：新手该从哪里开始</title>');
      expect(xml).toContain(`<link>${SITE}/articles/${NEW_SLUG}?a=1&amp;b=2</link>`);
      expect(xml).toContain('<title>Feed &lt;title&gt; &amp; &quot;quotes&quot; &apos;apos&apos;</title>');
      expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
      expect(xml).toContain('<category>私域流量</category>');
      expect(xml).toContain('<dc:creator>林先生</dc:creator>');
      expect(xml).toContain('<pubDate>Fri, 08 Mar 2024 02:00:00 GMT</pubDate>');
      expect(xml).toContain('<lastBuildDate>Fri, 08 Mar 2024 02:00:00 GMT</lastBuildDate>');

      const doc = parseXml(xml);
      const items = Array.from(doc.getElementsByTagName('item'));
      expect(items.map((i) => i.getElementsByTagName('title')[0]!.textContent)).toEqual([NEW_TITLE, '电商是怎么运营的（做电商的都应该看看）']);
      expect(items[0]!.getElementsByTagName('link')[0]!.textContent).toBe(`${SITE}/articles/${NEW_SLUG}?a=1&b=2`);
      expect(doc.getElementsByTagName('channel')[0]!.getElementsByTagName('title')[0]!.textContent).toBe('Feed <title> & "quotes" \'apos\'');
    });

    it('an empty channel is still a valid feed, without lastBuildDate', () => {
      const xml = feed.buildRss({ ...channelFor('zh-CN'), items: [] });
      parseXml(xml);
      expect(xml).not.toContain('<item>');
      expect(xml).not.toContain('lastBuildDate');
    });

    it('buildFeed (lib/site-index.ts) publishes each locale’s articles at that locale’s URLs', async () => {
      const zhTW = await index.buildFeed('zh-TW');
      const doc = parseXml(zhTW);
      expect(doc.getElementsByTagName('language')[0]!.textContent).toBe('zh-TW');
      expect(doc.getElementsByTagName('channel')[0]!.getElementsByTagName('title')[0]!.textContent).toBe('鳥哥筆記 · 最新文章');
      const first = doc.getElementsByTagName('item')[0]!;
      expect(first.getElementsByTagName('title')[0]!.textContent).toBe('私域流量 & 直播帶貨：新手該從哪裡開始');
      expect(first.getElementsByTagName('link')[0]!.textContent).toBe(`${SITE}/zh-TW/articles/${NEW_SLUG}`);

      const zhCN = parseXml(await index.buildFeed('zh-CN'));
      expect(zhCN.getElementsByTagName('item')[0]!.getElementsByTagName('link')[0]!.textContent).toBe(`${SITE}/articles/${NEW_SLUG}`);
      expect(zhCN.getElementsByTagName('atom:link')[0]!.getAttribute('href')).toBe(`${SITE}/feed.xml`);
    });
  });
});
