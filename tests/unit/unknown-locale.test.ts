import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUnknownLocaleCheck } from '@/server/unknown-locale.mjs';

// The patterns Next writes for these pages (routes-manifest.json).
const route = (page: string) => ({
  page,
  regex: `^${page
    .replace(/\[\.\.\.[^\]]+\]/g, '(.+?)')
    .replace(/\[[^\]]+\]/g, '([^/]+?)')
    .replace(/-/g, '\\-')}(?:/)?$`,
});

function build(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'unknown-locale-'));
  mkdirSync(path.join(dir, 'public', 'content-images'), { recursive: true });
  writeFileSync(path.join(dir, 'public', 'favicon.ico'), '');
  mkdirSync(path.join(dir, 'server', 'app'), { recursive: true });
  writeFileSync(path.join(dir, 'server', 'app', 'not-found-page.html'), '<h1>页面不存在</h1>');
  const staticRoutes = ['/', '/me', '/me/settings', '/mall', '/moderation', '/sign-in'].map(route);
  const dynamicRoutes = [
    '/tags/[tag]',
    '/articles/[slug]',
    '/[locale]',
    '/[locale]/me',
    '/[locale]/me/settings',
    '/[locale]/mall',
    '/[locale]/feedback',
    '/[locale]/sign-in',
    '/[locale]/[...rest]',
  ].map(route);
  writeFileSync(path.join(dir, 'routes-manifest.json'), JSON.stringify({ staticRoutes, dynamicRoutes }));
  return dir;
}

describe('a first path segment that is no locale', () => {
  const dir = build();
  const check = createUnknownLocaleCheck(dir, path.join(dir, 'public'));

  it('is a 404 with the zh-CN not-found page where it would reach a page of app/[locale]', () => {
    // A POST to /xyz runs the [locale] home page as a server action with locale "xyz".
    for (const url of [
      '/xyz',
      '/x?a=1',
      '/99999999999999999999',
      '/xyz/me',
      '/evil.com/mall',
      '/moderation/feedback',
      '/zh-tw/sign-in',
      '/xyz/me/settings?next=/',
      '/%E4/me',
    ]) {
      expect(check(url)?.status, url).toBe(404);
      expect(check(url)?.html.toString()).toContain('页面不存在');
    }
  });

  it('leaves the locales, the zh-CN routes that win over [locale], and everything else to Next', () => {
    for (const url of [
      '/en/me',
      '/zh-TW/mall',
      '/zh-CN/me',
      '/me/settings',
      '/tags/me',
      '/',
      '/en',
      '/favicon.ico',
      '/content-images/a.jpg',
      '/api/reader-state',
      '/xyz/nope/deeper',
      '/_next/static/a.js',
    ]) {
      expect(check(url), url).toBeNull();
    }
  });

  it('does nothing for a build without a routes manifest', () => {
    expect(createUnknownLocaleCheck(mkdtempSync(path.join(tmpdir(), 'no-build-')))('/xyz/me')).toBeNull();
  });
});
