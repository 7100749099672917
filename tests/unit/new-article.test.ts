import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readContent } from '@/lib/content/load';

const run = promisify(execFile);

/** Runs `npm run new:article -- <slug>` against a temporary CONTENT_DIR. */
async function newArticle(dir: string, slug: string) {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'lib/cli/new-article.ts', slug], { env: { ...process.env, CONTENT_DIR: dir } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('npm run new:article', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'new-article-'));
    cpSync('tests/fixtures/good-small', dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a draft with every field an article needs, which the checker accepts', async () => {
    const r = await newArticle(dir, 'my-new-article');
    expect(r.code).toBe(0);
    const file = path.join(dir, 'articles/my-new-article.md');
    expect(r.stdout).toContain(file);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^slug: my-new-article$/m);
    expect(text).toMatch(/^draft: true/m);
    expect(text).toMatch(/^publishedAt: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00"$/m);
    expect(text).toMatch(/^author: lin-xiansheng$/m);
    const { content, problems } = readContent(dir);
    expect(problems).toEqual([]);
    expect(content!.articles.find((a) => a.slug === 'my-new-article')).toMatchObject({ draft: true, title: '文章标题' });
  }, 60_000);

  it('refuses a slug that exists, and one the checker would refuse, writing nothing', async () => {
    const before = readFileSync(path.join(dir, 'articles/sample.md'), 'utf8');
    const exists = await newArticle(dir, 'sample');
    expect(exists.code).toBe(1);
    expect(exists.stderr).toMatch(/already exists/);
    expect(readFileSync(path.join(dir, 'articles/sample.md'), 'utf8')).toBe(before);
    for (const bad of ['My_Article', 'trailing-', '文章']) {
      const r = await newArticle(dir, bad);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/not a valid slug: must be lowercase letters, digits and hyphens/);
    }
    expect(readContent(dir).content!.articles).toHaveLength(1);
  }, 60_000);
});
