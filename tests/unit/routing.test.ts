import { describe, expect, it } from 'vitest';
import { localizedPath, routing, unlocalizedPath } from '@/lib/i18n/routing';

const PATHS = ['/', '/rules', '/articles/how-ecommerce-operations-work', '/tags/%E7%94%B5%E5%95%86%E8%BF%90%E8%90%A5', '/authors/lin-xiansheng', '/feed.xml'];

describe('routing', () => {
  it('has zh-CN (default, unprefixed), zh-TW and en', () => {
    expect(routing.locales).toEqual(['zh-CN', 'zh-TW', 'en']);
    expect(routing.defaultLocale).toBe('zh-CN');
  });

  it('localizedPath prefixes every locale but the default', () => {
    expect(localizedPath('zh-CN', '/articles/x')).toBe('/articles/x');
    expect(localizedPath('zh-TW', '/articles/x')).toBe('/zh-TW/articles/x');
    expect(localizedPath('en', '/articles/x')).toBe('/en/articles/x');
    expect(localizedPath('zh-CN', '/')).toBe('/');
    expect(localizedPath('zh-TW', '/')).toBe('/zh-TW');
    expect(localizedPath('en', '')).toBe('/en');
    expect(localizedPath('zh-CN', '')).toBe('/');
  });

  it('unlocalizedPath strips any locale prefix, including the default one', () => {
    expect(unlocalizedPath('/zh-TW/articles/x')).toBe('/articles/x');
    expect(unlocalizedPath('/en/articles/x')).toBe('/articles/x');
    expect(unlocalizedPath('/zh-CN/articles/x')).toBe('/articles/x');
    expect(unlocalizedPath('/articles/x')).toBe('/articles/x');
    expect(unlocalizedPath('/zh-TW')).toBe('/');
    expect(unlocalizedPath('/en')).toBe('/');
    expect(unlocalizedPath('/')).toBe('/');
    expect(unlocalizedPath('')).toBe('/');
  });

  it('does not mistake a path that merely starts like a locale for a prefix', () => {
    expect(unlocalizedPath('/english')).toBe('/english');
    expect(unlocalizedPath('/zh-TWx/a')).toBe('/zh-TWx/a');
    expect(unlocalizedPath('/entries/en')).toBe('/entries/en');
  });

  it.each(routing.locales)('round-trips every page path through %s', (locale) => {
    for (const path of PATHS) {
      const localized = localizedPath(locale, path);
      expect(unlocalizedPath(localized)).toBe(path);
      // Switching locale from a localized URL lands on the same page.
      for (const other of routing.locales) expect(localizedPath(other, unlocalizedPath(localized))).toBe(localizedPath(other, path));
    }
  });
});
