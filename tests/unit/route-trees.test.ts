import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// zh-CN pages live without a prefix in app/(default) and zh-TW/en in app/[locale]
// (README "Routing"): a page added to one tree and not the other is missing in a
// locale. The prefixed tree alone has the catch-all that answers its 404s.
const ONLY_PREFIXED = new Set(['[...rest]/route.ts']);

function routeFiles(tree: string): string[] {
  const root = join(process.cwd(), 'app', tree);
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

describe('route trees', () => {
  it('app/(default) and app/[locale] have the same routes', () => {
    const unprefixed = routeFiles('(default)');
    const prefixed = routeFiles('[locale]').filter((file) => !ONLY_PREFIXED.has(file));
    expect(prefixed).toEqual(unprefixed);
    expect(unprefixed).toContain('articles/[slug]/page.tsx');
  });
});
