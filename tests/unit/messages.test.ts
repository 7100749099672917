import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// zh-CN.json types every message key (lib/i18n/global.ts); the other locales must
// have exactly its keys, or a reader there would see a key instead of words.
const keysOf = (value: unknown, prefix = ''): string[] =>
  value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k)) : [prefix];
const load = (locale: string) => JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as unknown;

describe('messages', () => {
  const reference = keysOf(load('zh-CN')).sort();
  it.each(['zh-TW', 'en'])('%s has exactly the keys of zh-CN', (locale) => {
    expect(keysOf(load(locale)).sort()).toEqual(reference);
  });
});
