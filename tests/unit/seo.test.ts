import { afterEach, describe, expect, it, vi } from 'vitest';

type Seo = typeof import('@/lib/seo');

/** lib/env.ts reads SITE_URL once at import, so each case imports lib/seo afresh. */
async function loadSeo(siteUrl: string | undefined): Promise<Seo> {
  vi.resetModules();
  vi.stubEnv('SITE_URL', siteUrl);
  return import('@/lib/seo');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('jsonLdScript', () => {
  it('escapes </script> so that no "<" survives, and still parses back to the same data', async () => {
    const { jsonLdScript } = await loadSeo('https://niaoge.example');
    const data = {
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: '</script><script>alert(1)</script>',
      description: '<!-- a < b && c > d',
      author: { '@type': 'Person', name: '林先生' },
    };
    const out = jsonLdScript(data);
    expect(out).not.toContain('<');
    expect(out.toLowerCase()).not.toContain('</script');
    expect(out).toContain('\\u003c/script>');
    expect(JSON.parse(out)).toEqual(data);
  });

  it('escapes the line and paragraph separators too', async () => {
    const { jsonLdScript } = await loadSeo('https://niaoge.example');
    const out = jsonLdScript({ text: 'a\u2028b\u2029c' });
    expect(out).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual({ text: 'a\u2028b\u2029c' });
  });
});

describe('alternatesFor', () => {
  const SITE = 'https://niaoge.example';

  it('zh-CN is canonical without a prefix; zh-TW and en carry theirs', async () => {
    const { alternatesFor } = await loadSeo(SITE);
    const languages = {
      'zh-CN': `${SITE}/articles/x`,
      'zh-TW': `${SITE}/zh-TW/articles/x`,
      en: `${SITE}/en/articles/x`,
      'x-default': `${SITE}/articles/x`,
    };
    expect(alternatesFor('zh-CN', '/articles/x')).toMatchObject({ canonical: `${SITE}/articles/x`, languages });
    expect(alternatesFor('zh-TW', '/articles/x')).toMatchObject({ canonical: `${SITE}/zh-TW/articles/x`, languages });
    expect(alternatesFor('en', '/articles/x')).toMatchObject({ canonical: `${SITE}/en/articles/x`, languages });
    expect(Object.keys(alternatesFor('en', '/articles/x').languages).sort()).toEqual(['en', 'x-default', 'zh-CN', 'zh-TW']);
  });

  it('the home page: the bare origin for zh-CN, /zh-TW and /en otherwise (no trailing slash)', async () => {
    const { alternatesFor } = await loadSeo(SITE);
    expect(alternatesFor('zh-CN', '/')).toMatchObject({
      canonical: SITE,
      languages: { 'zh-CN': SITE, 'zh-TW': `${SITE}/zh-TW`, en: `${SITE}/en`, 'x-default': SITE },
    });
    expect(alternatesFor('zh-TW', '/').canonical).toBe(`${SITE}/zh-TW`);
    expect(alternatesFor('en', '/').canonical).toBe(`${SITE}/en`);
  });

  it("links each page to its locale's RSS feed", async () => {
    const { alternatesFor } = await loadSeo(SITE);
    expect(alternatesFor('zh-CN', '/articles/x').types).toEqual({ 'application/rss+xml': `${SITE}/feed.xml` });
    expect(alternatesFor('zh-TW', '/').types).toEqual({ 'application/rss+xml': `${SITE}/zh-TW/feed.xml` });
    expect(alternatesFor('en', '/rules').types).toEqual({ 'application/rss+xml': `${SITE}/en/feed.xml` });
  });

  it('SITE_URL: a trailing slash is dropped; unset means the local server', async () => {
    expect((await loadSeo(`${SITE}/`)).absoluteUrl('/rules')).toBe(`${SITE}/rules`);
    expect((await loadSeo(undefined)).absoluteUrl('/rules')).toBe('http://127.0.0.1:3000/rules');
    expect((await loadSeo('')).absoluteUrl('/')).toBe('http://127.0.0.1:3000');
  });

  it('SITE_URL that is not an http(s) URL stops the import', async () => {
    await expect(loadSeo('ftp://niaoge.example')).rejects.toThrow();
    await expect(loadSeo('not a url')).rejects.toThrow();
  });
});

describe('Open Graph and hreflang codes', () => {
  it('maps each locale', async () => {
    const { OG_LOCALE, HREFLANG } = await loadSeo(undefined);
    expect(OG_LOCALE).toEqual({ 'zh-CN': 'zh_CN', 'zh-TW': 'zh_TW', en: 'en_US' });
    expect(HREFLANG).toEqual({ 'zh-CN': 'zh-CN', 'zh-TW': 'zh-TW', en: 'en' });
  });
});
