import { describe, expect, it } from 'vitest';
import { renderNginxConfig } from '@/deploy/nginx-config.mjs';
import { sourceStamp } from '@/scripts/build-if-needed.mjs';

const base = { prefix: '/srv/stack', listen: '127.0.0.1:8080', upstreams: ['127.0.0.1:8081', '127.0.0.1:8082'], buildId: 'abc_DEF-123' };

describe('renderNginxConfig', () => {
  it('fills every placeholder: upstreams, the build id in the page cache key, paths under the prefix', () => {
    const conf = renderNginxConfig({ ...base, brotli: false });
    expect(conf).not.toMatch(/\{\{/);
    expect(conf).toContain('server 127.0.0.1:8081 max_fails=1 fail_timeout=5s;');
    expect(conf).toContain('server 127.0.0.1:8082 max_fails=1 fail_timeout=5s;');
    expect(conf).toMatch(/proxy_cache_key "abc_DEF-123\|\$uri\|\$arg__rsc\|\$http_rsc\|/);
    expect(conf).toContain('listen 127.0.0.1:8080;');
    expect(conf).toContain('proxy_cache_path /srv/stack/cache/pages');
    expect(conf).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
    expect(conf).not.toMatch(/^\s*brotli on;/m);
    expect(conf).not.toMatch(/^\s*load_module/m);
  });

  it('turns brotli on with the module loaded by its absolute path', () => {
    const conf = renderNginxConfig({ ...base, brotli: true });
    expect(conf).toMatch(/^load_module \/usr\/lib\/nginx\/modules\/ngx_http_brotli_filter_module\.so;$/m);
    expect(conf).toMatch(/^\s*brotli on;$/m);
  });

  it('never caches the sign-in and sign-up pages, nor any page answered with Set-Cookie', () => {
    const conf = renderNginxConfig({ ...base, brotli: false });
    // The form pages read the typed-username cookie: their own location, without a cache.
    const forms = /location ~ \^[^{]*sign-in\|sign-up[^{]*\{([^}]*)\}/.exec(conf)?.[1];
    expect(forms).toBeDefined();
    expect(forms).not.toMatch(/proxy_cache\b/);
    const pages = /location \/ \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    expect(pages).toMatch(/proxy_cache pages;/);
    expect(pages).toMatch(/proxy_no_cache \$upstream_http_set_cookie;/);
    expect(pages).not.toMatch(/proxy_ignore_headers[^;]*Set-Cookie/);
  });

  it('refuses a build id that could break out of the key, and no upstream', () => {
    expect(() => renderNginxConfig({ ...base, buildId: 'x"; }' })).toThrow(/build id/);
    expect(() => renderNginxConfig({ ...base, upstreams: [] })).toThrow(/upstream/);
  });
});

describe('sourceStamp', () => {
  it('refuses a value that would end its directive and start another', () => {
    expect(() => renderNginxConfig({ ...base, prefix: '/srv/a b' })).toThrow(/unexpected prefix/);
    expect(() => renderNginxConfig({ ...base, listen: '8080; include /etc/passwd' })).toThrow(/unexpected listen/);
    expect(() => renderNginxConfig({ ...base, upstreams: ['127.0.0.1:8081 backup; }'] })).toThrow(/unexpected upstream/);
    expect(() => renderNginxConfig({ ...base, mutationRate: '10r/s; limit_req off' })).toThrow(/unexpected mutation rate/);
    expect(() => renderNginxConfig({ ...base, user: 'www-data; daemon off' })).toThrow(/unexpected user/);
    expect(renderNginxConfig({ ...base, listen: '443 ssl http2', upstreams: ['[::1]:8081', 'app-1.internal:3000'], workers: 4, user: 'www-data' })).toContain(
      'listen 443 ssl http2;',
    );
  });

  it('is stable, and changes with the settings baked into the pages', () => {
    const env = { SITE_URL: 'https://a.example' };
    expect(sourceStamp(env)).toBe(sourceStamp(env));
    expect(sourceStamp({ SITE_URL: 'https://b.example' })).not.toBe(sourceStamp(env));
    expect(sourceStamp({ ...env, CONTENT_DIR: 'tests/fixtures/content-with-new-article' })).not.toBe(sourceStamp(env));
  });

  it('ignores the image copies a build writes into public/ (another build in this folder adds its own)', async () => {
    const { mkdirSync, rmSync, writeFileSync } = await import('node:fs');
    const env = { SITE_URL: 'https://a.example' };
    const before = sourceStamp(env);
    mkdirSync('public/content-images', { recursive: true });
    const copy = `public/content-images/stamp-test-${process.pid}.png`;
    writeFileSync(copy, 'not really a picture');
    try {
      expect(sourceStamp(env)).toBe(before);
    } finally {
      rmSync(copy);
    }
  });
});

describe('writeErrorPages', () => {
  it("writes nginx's own answers in every locale from messages/, with the app's codes", async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { writeErrorPages } = await import('@/deploy/error-pages.mjs');
    const dir = mkdtempSync(path.join(tmpdir(), 'errors-'));
    try {
      writeErrorPages(dir);
      const messages = (locale: string) => JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'));
      for (const locale of ['zh-CN', 'zh-TW', 'en']) {
        const { ActionErrors } = messages(locale);
        expect(JSON.parse(readFileSync(path.join(dir, locale, '429.json'), 'utf8'))).toEqual({
          ok: false,
          code: 'too_many_requests',
          message: ActionErrors.too_many_requests,
        });
        expect(JSON.parse(readFileSync(path.join(dir, locale, '413.json'), 'utf8')).message).toBe(ActionErrors.too_large);
        const page = readFileSync(path.join(dir, locale, '502.html'), 'utf8');
        expect(page).toContain(`<html lang="${locale}">`);
        expect(page).toContain(ActionErrors.unavailable);
      }
      expect(readFileSync(path.join(dir, 'zh-TW', '429.html'), 'utf8')).toContain('操作太頻繁');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('picks the error locale from the address, then from the Referer of an API request', () => {
    const conf = renderNginxConfig({ ...base, brotli: false });
    expect(conf).toContain('error_page 429 /__errors/$error_locale/429.$error_format;');
    expect(conf).toContain('alias /srv/stack/errors/;');
    const map = /map "\$request_uri \$http_referer" \$error_locale \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    const rules = [...map.matchAll(/"~(.+)" (\S+);/g)].map(([, re, locale]) => [new RegExp(re!.replace(/\\\\/g, '\\')), locale] as const);
    const localeOf = (uri: string, referer = '') => rules.find(([re]) => re.test(`${uri} ${referer}`))?.[1] ?? 'zh-CN';
    expect(localeOf('/en/articles/x')).toBe('en');
    expect(localeOf('/zh-TW')).toBe('zh-TW');
    expect(localeOf('/english')).toBe('zh-CN');
    expect(localeOf('/api/comments', 'https://example.com/zh-TW/articles/x')).toBe('zh-TW');
    expect(localeOf('/api/comments', 'http://127.0.0.1:8080/en?x=1')).toBe('en');
    expect(localeOf('/api/comments', 'http://127.0.0.1:8080/articles/en')).toBe('zh-CN');
    expect(localeOf('/api/comments')).toBe('zh-CN');
  });
});

describe('access log', () => {
  it('never records a password-reset token, from the address or the Referer', () => {
    const conf = renderNginxConfig({ ...base, brotli: false });
    expect(conf).toContain('"uri":"$log_uri"');
    expect(conf).toContain('"referer":"$log_referer"');
    expect(conf).not.toMatch(/log_format[^;]*\$request_uri/);
    expect(conf).not.toMatch(/log_format[^;]*\$http_referer/);
    const rule = /map \$request_uri \$log_uri \{\s*"~(.+)" /.exec(conf)?.[1] ?? '';
    const re = new RegExp(rule.replace(/\?<log_path>/, '?<p>').replace(/\\\\/g, '\\'));
    expect(re.exec('/reset-password?token=abc')?.groups?.p).toBe('/reset-password');
    expect(re.test('/api/auth/reset-password?x=1&token=abc')).toBe(true);
    expect(re.test('/articles/x?ref=abc')).toBe(false);
  });
});
