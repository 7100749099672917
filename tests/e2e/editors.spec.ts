import { expect, test } from '@playwright/test';
import { serveFixtureBuild } from './support/fixture-server';

// The fixture build (npm run build:fixture) holds tests/fixtures/editors: a draft, an
// article scheduled for 2099 and one updated after publication. A production build
// must show the first two nowhere.
const fixture = serveFixtureBuild(3230);

const HIDDEN = [
  { slug: 'draft-sample', title: '还在写的草稿', tag: '草稿专用标签' },
  { slug: 'scheduled-sample', title: '定时发布的文章', tag: '定时专用标签' },
];

test('a draft and a scheduled article answer 404 and appear on no page, in the sitemap or in any feed', async ({ request }) => {
  for (const prefix of ['', '/zh-TW', '/en']) {
    for (const { slug, tag } of HIDDEN) {
      expect((await request.get(`${fixture().origin}${prefix}/articles/${slug}`)).status()).toBe(404);
      expect((await request.get(`${fixture().origin}${prefix}/tags/${encodeURIComponent(tag)}`)).status()).toBe(404);
    }
    const pages = [`${prefix || '/'}`, `${prefix}/tags/${encodeURIComponent('电商运营')}`, `${prefix}/authors/lin-xiansheng`, `${prefix}/feed.xml`];
    for (const path of pages) {
      const response = await request.get(`${fixture().origin}${path}`);
      expect(response.status()).toBe(200);
      const body = await response.text();
      // The page is the fixture build's (the updated article is listed) and has neither hidden one.
      expect(body).toContain('updated-sample');
      for (const { slug, title } of HIDDEN) {
        expect(body).not.toContain(slug);
        expect(body).not.toContain(title);
      }
    }
  }
  const sitemap = await (await request.get(`${fixture().origin}/sitemap.xml`)).text();
  expect(sitemap).toContain('/articles/updated-sample');
  for (const { slug, tag } of HIDDEN) {
    expect(sitemap).not.toContain(slug);
    expect(sitemap).not.toContain(encodeURIComponent(tag));
  }
});

test('an updated article shows 更新于, and its JSON-LD and sitemap carry the update time', async ({ page, request }) => {
  await page.goto(`${fixture().origin}/articles/updated-sample`);
  await expect(page.locator('.article-meta time[datetime="2026-11-30T10:00:00+08:00"]')).toHaveText(/^更新于 2026年11月30日 10:00$/);
  await page.goto(`${fixture().origin}/en/articles/updated-sample`);
  await expect(page.locator('.article-meta time[datetime="2026-11-30T10:00:00+08:00"]')).toHaveText(/^Updated Nov 30, 2026, 10:00/);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent())!);
  expect(jsonLd[0]).toMatchObject({ datePublished: '2022-06-12T09:00:00+08:00', dateModified: '2026-11-30T10:00:00+08:00' });
  const sitemap = await (await request.get(`${fixture().origin}/sitemap.xml`)).text();
  expect(sitemap).toMatch(
    /<loc>[^<]*\/zh-TW\/articles\/updated-sample<\/loc>\s*<xhtml:link[^]*?<lastmod>2026-11-30T10:00:00\+08:00<\/lastmod>|<loc>[^<]*\/zh-TW\/articles\/updated-sample<\/loc>\s*<lastmod>2026-11-30T10:00:00\+08:00<\/lastmod>/,
  );
});
