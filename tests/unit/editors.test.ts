import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { articleStatus, articlesDue, nextPublishTime, visibleArticles } from '@/lib/content/visibility';

// buildFeed asks next-intl for the Feed strings; outside a Next.js request there is no
// request config, so hand it the real message files.
vi.mock('next-intl/server', () => ({
  getTranslations: async ({ locale, namespace }: { locale: string; namespace: string }) => {
    const messages = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, Record<string, string>>;
    return (key: string) => messages[namespace]![key]!;
  },
}));

const SITE = 'https://niaoge.example';
// content/ plus tests/fixtures/editors: a draft, an article scheduled for 2099, one updated after publication and one with images.
const CONTENT = 'content:tests/fixtures/editors';
const DRAFT = 'draft-sample';
const SCHEDULED = 'scheduled-sample';
const UPDATED = 'updated-sample';
const IMAGES = 'image-sample';
const UPDATED_AT = '2026-11-30T10:00:00+08:00';

/** Imports the site model afresh (it caches content per process) under the given environment. */
async function loadSite(env: Record<string, string>) {
  vi.resetModules();
  vi.unstubAllEnvs();
  vi.stubEnv('CONTENT_DIR', CONTENT);
  vi.stubEnv('SITE_URL', SITE);
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  const site = await import('@/lib/content/site');
  const index = await import('@/lib/site-index');
  return { site, index };
}

afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('a production process: drafts and scheduled articles are nowhere', () => {
  it('leaves them out of lists, tags, the author page, the sitemap and every feed, and answers no article for their slugs', async () => {
    const { site, index } = await loadSite({ NODE_ENV: 'production', CONTENT_NOW: '2026-12-04T12:00:00Z' });
    expect(site.listArticles('zh-CN').map((a) => a.slug)).toEqual(['how-ecommerce-operations-work', UPDATED, IMAGES]);
    expect(site.listArticleSlugs()).not.toContain(DRAFT);
    expect(site.listArticleSlugs()).not.toContain(SCHEDULED);
    for (const slug of [DRAFT, SCHEDULED]) {
      expect(site.getArticle('zh-CN', slug)).toBeUndefined();
      expect(site.hasArticle(slug)).toBe(false);
    }
    expect(site.getTag('zh-CN', '草稿专用标签')).toBeUndefined();
    expect(site.getTag('zh-CN', '定时专用标签')).toBeUndefined();
    expect(site.listTags('zh-CN').map((t) => t.key)).not.toContain('草稿专用标签');
    expect(site.getAuthor('zh-CN', 'lin-xiansheng')!.articles.map((a) => a.slug)).toEqual(['how-ecommerce-operations-work', UPDATED, IMAGES]);
    const urls = index.buildSitemap().map((e) => e.url);
    expect(urls.filter((u) => u.includes(DRAFT) || u.includes(SCHEDULED) || u.includes(encodeURIComponent('草稿')))).toEqual([]);
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      const feed = await index.buildFeed(locale);
      expect(feed).not.toContain(DRAFT);
      expect(feed).not.toContain(SCHEDULED);
      expect(feed).toContain(UPDATED);
    }
  });

  it('publishes a scheduled article once its time has come', async () => {
    const { site } = await loadSite({ NODE_ENV: 'production', CONTENT_NOW: '2099-01-01T01:00:00Z' });
    expect(site.listArticleSlugs()).toEqual([SCHEDULED, 'how-ecommerce-operations-work', UPDATED, IMAGES]);
    expect(site.getArticle('zh-CN', SCHEDULED)?.status).toBe('published');
    expect(site.hasArticle(DRAFT)).toBe(false);
  });
});

describe('npm run dev: every article, marked', () => {
  it('shows drafts and scheduled articles with their status', async () => {
    const { site } = await loadSite({ NODE_ENV: 'development' });
    const bySlug = new Map(site.listArticles('zh-CN').map((a) => [a.slug, a.status]));
    expect(bySlug.get(DRAFT)).toBe('draft');
    expect(bySlug.get(SCHEDULED)).toBe('scheduled');
    expect(bySlug.get(UPDATED)).toBe('published');
    expect(site.getTag('zh-CN', '草稿专用标签')?.articles.map((a) => a.slug)).toEqual([DRAFT]);
  });

  it('a preview build (CONTENT_PREVIEW=1) shows them too', async () => {
    const { site } = await loadSite({ NODE_ENV: 'production', CONTENT_PREVIEW: '1' });
    expect(site.getArticle('zh-TW', DRAFT)?.status).toBe('draft');
  });
});

describe('updatedAt', () => {
  it('is on the article, dates its sitemap entry and the home page, and is the feed’s last build date', async () => {
    const { site, index } = await loadSite({ NODE_ENV: 'production', CONTENT_NOW: '2026-12-04T12:00:00Z' });
    expect(site.getArticle('en', UPDATED)?.updatedAt).toBe(UPDATED_AT);
    expect(site.getArticle('en', 'how-ecommerce-operations-work')?.updatedAt).toBeUndefined();
    const sitemap = index.buildSitemap();
    expect(sitemap.find((e) => e.url === `${SITE}/zh-TW/articles/${UPDATED}`)?.lastModified).toBe(UPDATED_AT);
    expect(sitemap.find((e) => e.url === `${SITE}/articles/how-ecommerce-operations-work`)?.lastModified).toBe('2022-06-17T19:39:30+08:00');
    expect(sitemap.find((e) => e.url === SITE)?.lastModified).toBe(UPDATED_AT);
    expect(await index.buildFeed('zh-CN')).toContain('<lastBuildDate>Mon, 30 Nov 2026 02:00:00 GMT</lastBuildDate>');
  });
});

describe('publication rules (lib/content/visibility.ts)', () => {
  const at = (iso: string) => Date.parse(iso);
  const articles = [
    { slug: 'old', publishedAt: '2024-01-01T09:00:00+08:00' },
    { slug: 'draft', publishedAt: '2024-01-01T09:00:00+08:00', draft: true },
    { slug: 'soon', publishedAt: '2026-12-05T09:00:00+08:00' },
    { slug: 'later', publishedAt: '2027-01-01T09:00:00+08:00' },
  ];

  it('a future publishedAt is scheduled until that very second; a draft stays a draft', () => {
    expect(articleStatus(articles[2]!, at('2026-12-05T00:59:59Z'))).toBe('scheduled');
    expect(articleStatus(articles[2]!, at('2026-12-05T01:00:00Z'))).toBe('published');
    expect(articleStatus(articles[1]!, at('2030-01-01T00:00:00Z'))).toBe('draft');
    expect(visibleArticles(articles, { NODE_ENV: 'production', CONTENT_NOW: '2026-12-05T01:00:00Z' }).map((a) => a.slug)).toEqual(['old', 'soon']);
    expect(nextPublishTime(articles, at('2026-12-04T00:00:00Z'))).toBe(at('2026-12-05T09:00:00+08:00'));
    expect(nextPublishTime(articles, at('2027-02-01T00:00:00Z'))).toBeUndefined();
  });

  it('publish-due rebuilds only when a published article has no page in the build', () => {
    const built = new Set(['old']);
    expect(articlesDue(articles, built, at('2026-12-04T12:00:00Z'))).toEqual([]);
    expect(articlesDue(articles, built, at('2026-12-05T01:00:00Z'))).toEqual(['soon']);
    expect(articlesDue(articles, new Set(['old', 'soon']), at('2026-12-06T00:00:00Z'))).toEqual([]);
    expect(articlesDue(articles, new Set(['old', 'soon']), at('2027-01-01T01:00:00Z'))).toEqual(['later']);
  });
});
