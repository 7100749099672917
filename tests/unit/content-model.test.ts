import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContent } from '@/lib/content/load';
import { renderArticleModel, renderRulesModel } from '@/lib/content/localize';
import { parseContentFile } from '@/lib/content/parse';
import type { ContentProblem } from '@/lib/content/problem';
import { ArticleFrontMatter, RulesFrontMatter } from '@/lib/content/schema';
import { slugify } from '@/lib/content/slug';
import { buildArticleModel, buildRulesModel } from '@/lib/content/structure';

const ROOT = process.cwd();

/** The model as a stored expectation: every sanitised HTML node as its HTML, so a diff reads like the page. */
function serialize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(serialize);
  if (typeof value !== 'object' || value === null) return value;
  if ((value as { type?: unknown }).type === 'element') return toHtml(value as Parameters<typeof toHtml>[0]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, serialize(v)]));
}

const snapshotPath = (file: string) => path.join(ROOT, 'tests/fixtures/models', file.replace(/^tests\/fixtures\//, '').replace(/\.md$/, '.model.json'));

/** fumadocs-style fixtures: each Markdown file's typed model (zh-CN) against tests/fixtures/models/<file>.model.json. */
describe('document models: each content file against its stored model', () => {
  const ARTICLES = [
    'content/articles/how-ecommerce-operations-work.md',
    'tests/fixtures/paid-article/articles/paid-sample.md',
    'tests/fixtures/content-with-new-article/articles/private-traffic-and-live-selling.md',
  ];
  const RULES = ['content/rules.md', 'tests/fixtures/good-small/rules.md'];

  it.each(ARTICLES)('%s', async (file) => {
    const parsed = parseContentFile(file, readFileSync(file, 'utf8'), ArticleFrontMatter);
    expect(parsed.problems).toEqual([]);
    const model = renderArticleModel(buildArticleModel(parsed.tree, parsed.data?.price), 'zh-CN');
    await expect(`${JSON.stringify(serialize(model), null, 2)}\n`).toMatchFileSnapshot(snapshotPath(file));
  });

  it.each(RULES)('%s', async (file) => {
    const source = readFileSync(file, 'utf8');
    const parsed = parseContentFile(file, source, RulesFrontMatter);
    const problems: unknown[] = [];
    const model = renderRulesModel(
      buildRulesModel(parsed.tree, source, (...p) => problems.push(p)),
      'zh-CN',
    );
    expect([...parsed.problems, ...problems]).toEqual([]);
    await expect(`${JSON.stringify(serialize(model), null, 2)}\n`).toMatchFileSnapshot(snapshotPath(file));
  });
});

describe('stable heading ids', () => {
  it('slugs CJK headings GitHub-style: punctuation dropped, letters of every script kept, lowercase', () => {
    expect(slugify('一、什么是运营、电商运营')).toBe('一什么是运营电商运营');
    expect(slugify('1.“用户获取”阶段运营职能')).toBe('1用户获取阶段运营职能');
    expect(slugify('（1）平台侧运营')).toBe('1平台侧运营');
    expect(slugify('GMV 与 ROI')).toBe('gmv-与-roi');
    // Never a leading "_" (the page's scripts read globals such as __next_f), never empty.
    expect(slugify('__next_f')).toBe('next_f');
    expect(slugify('？！')).toBe('section');
  });

  it('are unique in a document, explicit {#id} first, and never a page chrome id', () => {
    const source = '---\ntitle: t\n---\n\n## 总结\n\n## 总结\n\n## 前言 {#总结}\n\n## Comments\n';
    const parsed = parseContentFile('a.md', source, RulesFrontMatter);
    const ids = buildArticleModel(parsed.tree, undefined).parts.flatMap((p) => (p.kind === 'section' ? [[p.heading.id, p.heading.text]] : []));
    expect(ids).toEqual([
      ['总结-1', '总结'],
      ['总结-2', '总结'],
      ['总结', '前言'],
      ['comments-1', 'Comments'],
    ]);
  });
});

describe('content checker: documents that do not fit their model (file:line:column)', () => {
  let dir: string;
  let rulesFile: string;
  let articleFile: string;
  let rulesSource: string;
  let articleSource: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'model-'));
    cpSync('tests/fixtures/good-small', dir, { recursive: true });
    rulesFile = path.join(dir, 'rules.md');
    articleFile = path.join(dir, 'articles/sample.md');
    rulesSource = readFileSync(rulesFile, 'utf8');
    articleSource = readFileSync(articleFile, 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const rel = (f: string) => path.relative(ROOT, f);
  /** The problems of good-small with its rules.md (or its article) edited. */
  const check = (edit: { rules?: (s: string) => string; article?: (s: string) => string }): ContentProblem[] => {
    const rules = edit.rules?.(rulesSource) ?? rulesSource;
    const article = edit.article?.(articleSource) ?? articleSource;
    if (edit.rules) expect(rules).not.toBe(rulesSource);
    if (edit.article) expect(article).not.toBe(articleSource);
    writeFileSync(rulesFile, rules);
    writeFileSync(articleFile, article);
    const { content, problems } = readContent(dir);
    expect(content).toBeUndefined();
    return problems;
  };
  const at = (file: 'rules' | 'article', line: number, column: number, rule: string, message: RegExp) => ({
    file: rel(file === 'rules' ? rulesFile : articleFile),
    line,
    column,
    rule,
    message: expect.stringMatching(message),
  });

  it('the unedited folder fits', () => {
    writeFileSync(rulesFile, rulesSource);
    writeFileSync(articleFile, articleSource);
    expect(readContent(dir).problems).toEqual([]);
  });

  it('a rules category without an id', () => {
    expect(check({ rules: (s) => s.replace('发布垃圾广告信息{#spam}，', '发布垃圾广告信息，') })).toEqual([
      at('rules', 13, 4, 'rules-model', /rules category needs an id: write \{#id\} right after its name/),
    ]);
  });

  it('a duplicate id (two categories, or a category and a heading)', () => {
    expect(check({ rules: (s) => s.replace('{#spam}', '{#unfriendly}') })).toEqual([at('rules', 13, 4, 'rules-model', /duplicate id "unfriendly"/)]);
    // The later one is reported: here the penalties heading.
    expect(check({ rules: (s) => s.replace('{#spam}', '{#penalties}') })).toEqual([at('rules', 16, 1, 'rules-model', /duplicate id "penalties"/)]);
  });

  it('an id an editor cannot use', () => {
    expect(check({ rules: (s) => s.replace('{#spam}', '{#Spam!}') })).toEqual([at('rules', 13, 4, 'rules-model', /an id is lowercase letters or digits/)]);
  });

  it('a category without numbered items', () => {
    expect(check({ rules: (s) => s.replace('\n   1. 单个帐号多次发布包含垃圾广告的内容；', '') })).toEqual([
      at('rules', 13, 4, 'rules-model', /needs its numbered items/),
    ]);
  });

  it('a penalty line whose length cannot be read, at the length', () => {
    // 本网站将依据相关用户违规情节严重程度，对帐号进行禁言 1 周、… : "1 周" starts at the 28th character.
    expect(check({ rules: (s) => s.replace('禁言 1 天、7 天', '禁言 1 周、7 天') })).toEqual([
      at('rules', 18, 28, 'rules-model', /ban length "1 周" cannot be read: write whole days as "N 天"/),
    ]);
    expect(check({ rules: (s) => s.replace('禁言 1 天、7 天', '禁言一天、7 天') })).toEqual([at('rules', 18, 27, 'rules-model', /"一天" cannot be read/)]);
  });

  it('a 禁言 sentence with no length, and a length stated twice', () => {
    expect(check({ rules: (s) => s.replace('禁言 1 天、7 天、15 天直至永久禁言或封停账号的处罚', '禁言处罚') })).toEqual([
      at('rules', 16, 1, 'rules-model', /the penalties section states no ban length/),
      at('rules', 18, 25, 'rules-model', /a sentence about 禁言 .* states no ban length/),
    ]);
    expect(check({ rules: (s) => s.replace('15 天', '7 天') })).toEqual([at('rules', 18, 36, 'rules-model', /"7 天" is stated twice/)]);
  });

  it('rules without a penalties section', () => {
    expect(check({ rules: (s) => s.replace(' {#penalties}', '') })).toEqual([
      at('rules', 1, 1, 'rules-model', /need a penalties section: a heading ending in \{#penalties\}/),
    ]);
  });

  it('a closing line that is not last, and a paragraph marker that is not {#closing}', () => {
    expect(check({ rules: (s) => s.replace('进行反馈。\n', '进行反馈。{#closing}\n').replace('所有）{#closing}', '所有）') })).toEqual([
      at('rules', 22, 1, 'rules-model', /\{#closing\} line must be the last paragraph/),
    ]);
    expect(check({ rules: (s) => s.replace('{#closing}', '{#end}') })).toEqual([at('rules', 24, 1, 'rules-model', /unknown marker \{#end\}/)]);
  });

  it('an article with the same explicit id twice, or an unusable one', () => {
    const add = (extra: string) => (s: string) => `${s}\n${extra}\n`;
    const lines = articleSource.split('\n').length;
    expect(check({ article: add('## 二、更多 {#more}\n\n正文。\n\n## 三、再多 {#more}\n\n正文。') })).toEqual([
      at('article', lines + 5, 1, 'article-model', /duplicate id "more"/),
    ]);
    expect(check({ article: add('## 二、更多 {#_next_f}\n\n正文。') })).toEqual([at('article', lines + 1, 1, 'article-model', /an id is lowercase/)]);
    // The page's own ids (the comments section, the title…) are not the editor's to take.
    expect(check({ article: add('## 二、更多 {#comments}\n\n正文。') })).toEqual([
      at('article', lines + 1, 1, 'article-model', /id "comments" is taken by the page/),
    ]);
  });
});
