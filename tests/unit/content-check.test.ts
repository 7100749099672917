import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readContent } from '@/lib/content/load';
import { parseContentFile } from '@/lib/content/parse';
import type { ContentRule } from '@/lib/content/problem';
import { ArticleFrontMatter, RulesFrontMatter } from '@/lib/content/schema';
import { checkText } from '@/lib/content/text-rules';
import { parseZhTwExceptions } from '@/lib/content/zh-tw-exceptions';

const run = promisify(execFile);
const ROOT = process.cwd();
const BAD = 'tests/fixtures/bad';

type Expected = { file: string; line: number; column: number; rule: ContentRule; message: RegExp };

/**
 * Each folder under tests/fixtures/bad is tests/fixtures/good-small with one defect;
 * these are the problems the checker must report for it, in order (file:line:column).
 */
const CASES: Record<string, Expected[]> = {
  // The title line is gone: a missing key points at the front matter's opening ---.
  'front-matter-missing': [{ file: `${BAD}/front-matter-missing/articles/sample.md`, line: 1, column: 1, rule: 'front-matter', message: /"title"/ }],
  // publishedAt: "2022-06-17T19:39:30" (no zone): points at the value.
  'front-matter-invalid': [
    { file: `${BAD}/front-matter-invalid/articles/sample.md`, line: 4, column: 14, rule: 'front-matter', message: /"publishedAt".*zone/ },
  ],
  'unknown-author': [{ file: `${BAD}/unknown-author/articles/sample.md`, line: 5, column: 9, rule: 'unknown-author', message: /"zhang-san"/ }],
  // a-first.md and b-second.md share slug sample-article; the later file is reported.
  'duplicate-slug': [
    {
      file: `${BAD}/duplicate-slug/articles/b-second.md`,
      line: 3,
      column: 7,
      rule: 'duplicate-slug',
      message: /"sample-article".*duplicate-slug\/articles\/a-first\.md/,
    },
  ],
  // 随着现在的电商平台越来越多，欧美极品少妇… (the phrase starts at column 15).
  spam: [{ file: `${BAD}/spam/articles/sample.md`, line: 11, column: 15, rule: 'spam', message: /欧美极品少妇/ }],
  // …都叫运(yùn)营。 (the parenthesis is column 31).
  pinyin: [{ file: `${BAD}/pinyin/articles/sample.md`, line: 15, column: 31, rule: 'pinyin', message: /\(yùn\)/ }],
  // 随着现在的電商… (電 is column 6; 商 is the same in both scripts).
  traditional: [{ file: `${BAD}/traditional/articles/sample.md`, line: 11, column: 6, rule: 'traditional', message: /"電".*"电"/ }],
  // 一切能够进行产品推广,促进用户使用:提高用户认知的手段(方法)都叫运营?
  'ascii-punctuation': [
    { file: `${BAD}/ascii-punctuation/articles/sample.md`, line: 15, column: 11, rule: 'ascii-punctuation', message: /","/ },
    { file: `${BAD}/ascii-punctuation/articles/sample.md`, line: 15, column: 18, rule: 'ascii-punctuation', message: /":"/ },
    { file: `${BAD}/ascii-punctuation/articles/sample.md`, line: 15, column: 28, rule: 'ascii-punctuation', message: /"\("/ },
    { file: `${BAD}/ascii-punctuation/articles/sample.md`, line: 15, column: 31, rule: 'ascii-punctuation', message: /"\)"/ },
    { file: `${BAD}/ascii-punctuation/articles/sample.md`, line: 15, column: 36, rule: 'ascii-punctuation', message: /"\?"/ },
  ],
  // <div>电商运营</div> as a block on line 17.
  'raw-html': [{ file: `${BAD}/raw-html/articles/sample.md`, line: 17, column: 1, rule: 'raw-html', message: /raw HTML/ }],
  // ## 一、什么是运营 then #### 运营的细节 on line 17: level 3 skipped.
  'heading-level': [{ file: `${BAD}/heading-level/articles/sample.md`, line: 17, column: 1, rule: 'heading-level', message: /level 4 follows level 2/ }],
  // 参见[公约](/rules#nowhere)、[别的文章](/en/articles/no-such-article)、[本文一节](#一什么是运营)和[没有的一节](#no-such-heading)。
  // Each bad link is reported at its "["; the link to an existing heading is not.
  'internal-link': [
    { file: `${BAD}/internal-link/articles/sample.md`, line: 17, column: 3, rule: 'internal-link', message: /"\/rules#nowhere".*"nowhere"/ },
    { file: `${BAD}/internal-link/articles/sample.md`, line: 17, column: 24, rule: 'internal-link', message: /no article with slug "no-such-article"/ },
    { file: `${BAD}/internal-link/articles/sample.md`, line: 17, column: 77, rule: 'internal-link', message: /"#no-such-heading"/ },
  ],
  // The summary repeated six times: 132 characters, reported at its value.
  'summary-too-long': [{ file: `${BAD}/summary-too-long/articles/sample.md`, line: 8, column: 10, rule: 'summary', message: /132 characters.*120/ }],
  // keywords SEO and ＳＥＯ (full-width): the second is reported.
  'keyword-variant': [{ file: `${BAD}/keyword-variant/articles/sample.md`, line: 9, column: 5, rule: 'keyword-variant', message: /"ＳＥＯ".*"SEO"/ }],
  // updatedAt 2022-06-01, publishedAt 2022-06-17.
  'updated-before-published': [
    { file: `${BAD}/updated-before-published/articles/sample.md`, line: 5, column: 12, rule: 'updated-at', message: /updatedAt .* is before publishedAt/ },
  ],
  // 店面是这样的：![店面](./images/nowhere.png): reported at its "!".
  'image-missing': [
    { file: `${BAD}/image-missing/articles/sample.md`, line: 17, column: 8, rule: 'image-missing', message: /"\.\/images\/nowhere\.png" not found/ },
  ],
  // ![](./images/shop.png): the file is there, the alt text is not.
  'image-alt': [{ file: `${BAD}/image-alt/articles/sample.md`, line: 17, column: 1, rule: 'image-alt', message: /no alt text/ }],
  // poster.png is 5000×4000 (a 2.5 KB file): over the pixel limit.
  'image-too-large': [
    { file: `${BAD}/image-too-large/articles/sample.md`, line: 17, column: 1, rule: 'image-too-large', message: /5000×4000 pixels.*16 megapixels/ },
  ],
  // ![店面](https://example.com/shop.png)
  'image-remote': [
    {
      file: `${BAD}/image-remote/articles/sample.md`,
      line: 17,
      column: 1,
      rule: 'image-remote',
      message: /"https:\/\/example\.com\/shop\.png" is a remote URL/,
    },
  ],
  // The quiz points at a heading the article does not have (it has 一、什么是运营 only).
  'quiz-section': [{ file: `${BAD}/quiz-section/articles/sample.md`, line: 15, column: 18, rule: 'quiz-section', message: /"二什么是电商运营".*no heading/ }],
  // zh-TW-exceptions.yaml: after a good entry (发布), one of each kind the checker refuses, each at its entry.
  'zh-tw-exception': [
    { file: `${BAD}/zh-tw-exception/zh-TW-exceptions.yaml`, line: 6, column: 5, rule: 'zh-tw-exception', message: /"why" is missing/ },
    { file: `${BAD}/zh-tw-exception/zh-TW-exceptions.yaml`, line: 8, column: 5, rule: 'zh-tw-exception', message: /Simplified source.*"發"/ },
    {
      file: `${BAD}/zh-tw-exception/zh-TW-exceptions.yaml`,
      line: 11,
      column: 5,
      rule: 'zh-tw-exception',
      message: /duplicate exception "发布" \(also at line 3\)/,
    },
    { file: `${BAD}/zh-tw-exception/zh-TW-exceptions.yaml`, line: 14, column: 5, rule: 'zh-tw-exception', message: /unused exception "注销"/ },
    { file: `${BAD}/zh-tw-exception/zh-TW-exceptions.yaml`, line: 17, column: 5, rule: 'zh-tw-exception', message: /unneeded exception "用户".*"使用者"/ },
  ],
};

const asMatchers = (expected: Expected[]) => expected.map((e) => ({ ...e, message: expect.stringMatching(e.message) }));

describe('content checker: good content', () => {
  it('finds no problems in content/', () => {
    const { content, problems } = readContent('content');
    expect(problems).toEqual([]);
    expect(content?.articles.map((a) => a.slug)).toEqual(['how-ecommerce-operations-work']);
  });

  it('finds no problems in the small fixture every bad folder is made from', () => {
    const { content, problems } = readContent('tests/fixtures/good-small');
    expect(problems).toEqual([]);
    expect(content).toBeDefined();
  });
});

describe('content checker: one bad folder per rule (readContent)', () => {
  it.each(Object.entries(CASES))('%s: reports exactly the defect, at its file, line and column', (folder, expected) => {
    const { content, problems } = readContent(`${BAD}/${folder}`);
    expect(problems).toEqual(asMatchers(expected));
    expect(content).toBeUndefined();
  });
});

describe('content checker: per-file rules (parseContentFile)', () => {
  const article = (
    body: string,
    frontMatter = 'title: 标题\nslug: a\npublishedAt: "2022-06-17T19:39:30+08:00"\nauthor: lin-xiansheng\nkeywords:\n  - 电商运营\nsummary: 摘要\n',
  ) => `---\n${frontMatter}---\n\n${body}\n`;
  const problemsOf = (source: string) => parseContentFile('articles/x.md', source, ArticleFrontMatter).problems;

  it('accepts a clean file and returns its typed front matter', () => {
    const parsed = parseContentFile('articles/x.md', article('正文。'), ArticleFrontMatter);
    expect(parsed.problems).toEqual([]);
    expect(parsed.data).toMatchObject({ title: '标题', slug: 'a', keywords: ['电商运营'] });
  });

  it('reads a quiz and reports an answer that is not one of the options at its line and column', () => {
    const base = 'title: 标题\nslug: a\npublishedAt: "2022-06-17T19:39:30+08:00"\nauthor: lin-xiansheng\nkeywords:\n  - 电商运营\nsummary: 摘要\n';
    const quiz = (answer: string) => `${base}quiz:\n  question: 问题？\n  options:\n    - 甲\n    - 乙\n  answer: ${answer}\n`;
    expect(parseContentFile('articles/x.md', article('正文。', quiz('2')), ArticleFrontMatter).data?.quiz).toEqual({
      question: '问题？',
      options: ['甲', '乙'],
      answer: 2,
    });
    expect(problemsOf(article('正文。', quiz('3')))).toEqual([
      { file: 'articles/x.md', line: 14, column: 11, rule: 'front-matter', message: expect.stringMatching(/answer must be the number of one of the options/) },
    ]);
    expect(problemsOf(article('正文。', quiz('0')))).toHaveLength(1);
  });

  it('splits a paid article at its marker, and reports a marker without a price or a price without a marker', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paid-'));
    try {
      cpSync('tests/fixtures/good-small', dir, { recursive: true });
      const file = path.join(dir, 'articles/sample.md');
      const original = readFileSync(file, 'utf8');
      const withPrice = original.replace('\n---\n', '\nprice: 30\n---\n');
      writeFileSync(file, withPrice.replace(/\n\n(?=[^\n]*\n$)/, '\n\n<!-- paid -->\n\n'));
      const paid = readContent(dir);
      expect(paid.problems).toEqual([]);
      const article = paid.content!.articles[0]!;
      expect(article.price).toBe(30);
      expect(article.paidBody?.children.length).toBeGreaterThan(0);
      expect(JSON.stringify(article.body)).not.toContain(JSON.stringify(article.paidBody!.children[0]));

      writeFileSync(file, withPrice);
      expect(readContent(dir).problems).toEqual([
        expect.objectContaining({ rule: 'paid-marker', message: expect.stringMatching(/needs a <!-- paid --> line/) }),
      ]);

      writeFileSync(file, `${original}\n<!-- paid -->\n\n更多。\n`);
      const unpriced = readContent(dir).problems;
      expect(unpriced).toEqual([expect.objectContaining({ rule: 'paid-marker', message: expect.stringMatching(/needs a price/) })]);
      expect(unpriced[0]!.line).toBe(original.split('\n').length + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a file without front matter at 1:1', () => {
    expect(parseContentFile('rules.md', '正文。\n', RulesFrontMatter).problems).toEqual([
      { file: 'rules.md', line: 1, column: 1, rule: 'front-matter', message: expect.stringMatching(/missing YAML front matter/) },
    ]);
  });

  it('reports inline <script> tags as raw HTML, each at its column', () => {
    // Line 11 of the file (after 7 front matter lines, the closing --- and a blank line).
    expect(problemsOf(article('正文<script>alert(1)</script>结束'))).toEqual([
      { file: 'articles/x.md', line: 11, column: 3, rule: 'raw-html', message: expect.any(String) },
      { file: 'articles/x.md', line: 11, column: 19, rule: 'raw-html', message: expect.any(String) },
    ]);
  });

  it('checks front matter strings too: Traditional characters in a keyword, spam in the summary (any case)', () => {
    const fm =
      'title: 标题\nslug: a\npublishedAt: "2022-06-17T19:39:30+08:00"\nauthor: lin-xiansheng\nkeywords:\n  - 電商運營\nsummary: 看看ChineseFreeSexVideos\n';
    expect(problemsOf(article('正文。', fm))).toEqual([
      { file: 'articles/x.md', line: 7, column: 5, rule: 'traditional', message: expect.stringMatching(/"電"/) },
      { file: 'articles/x.md', line: 7, column: 7, rule: 'traditional', message: expect.stringMatching(/"運"/) },
      { file: 'articles/x.md', line: 7, column: 8, rule: 'traditional', message: expect.stringMatching(/"營"/) },
      { file: 'articles/x.md', line: 8, column: 12, rule: 'spam', message: expect.stringMatching(/chinesefreesexvideos/) },
    ]);
  });

  it('checks an image’s alt text like prose: Traditional characters at their column', () => {
    expect(problemsOf(article('图：![電商的店面](./images/x.png)'))).toEqual([
      { file: 'articles/x.md', line: 11, column: 5, rule: 'traditional', message: expect.stringMatching(/"電"/) },
    ]);
  });

  it('reports the same lines and columns for a file with CRLF line endings', () => {
    for (const [folder, expected] of Object.entries(CASES)) {
      // Rules checked across files (readContent), not by parseContentFile.
      if (
        [
          'duplicate-slug',
          'unknown-author',
          'heading-level',
          'internal-link',
          'summary-too-long',
          'keyword-variant',
          'updated-before-published',
          'image-missing',
          'image-alt',
          'image-too-large',
          'image-remote',
          'quiz-section',
          // Not Markdown: its CRLF case is in the parseZhTwExceptions tests.
          'zh-tw-exception',
        ].includes(folder)
      )
        continue;
      const file = expected[0]!.file;
      const crlf = readFileSync(file, 'utf8').replace(/\n/g, '\r\n');
      const got = parseContentFile(file, crlf, ArticleFrontMatter).problems.map((p) => [p.line, p.column, p.rule]);
      expect(got).toEqual(expected.map((e) => [e.line, e.column, e.rule]));
    }
  });

  it('refuses a link from a published article to a draft, and accepts links to pages, tags, authors and headings that exist', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'links-'));
    try {
      cpSync('tests/fixtures/good-small', dir, { recursive: true });
      const file = path.join(dir, 'articles/sample.md');
      const good =
        '\n[首页](/)、[标签](/tags/电商运营)、[作者](/zh-TW/authors/lin-xiansheng)、[公约](/rules#spam)、[一节](/articles/sample-article#一什么是运营)\n';
      writeFileSync(file, readFileSync(file, 'utf8') + good);
      expect(readContent(dir).problems).toEqual([]);
      const draft = readFileSync(file, 'utf8').replace('slug: sample-article', 'slug: draft-one\ndraft: true').replace(good, '\n');
      writeFileSync(path.join(dir, 'articles/draft.md'), draft);
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n[草稿](/articles/draft-one)\n`);
      const lines = readFileSync(file, 'utf8').split('\n').length;
      expect(readContent(dir).problems).toEqual([
        { file: path.relative(ROOT, file), line: lines - 1, column: 1, rule: 'internal-link', message: expect.stringMatching(/is a draft/) },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('flags ASCII punctuation only next to Chinese, and pinyin only after a Han character', () => {
    expect(checkText('Hello, world: (ok)? 1,000')).toEqual([]);
    expect(checkText('GMV,负责')).toEqual([{ offset: 3, rule: 'ascii-punctuation', message: expect.any(String) }]);
    expect(checkText('联(lián)系')).toEqual([{ offset: 1, rule: 'pinyin', message: expect.any(String) }]);
    expect(checkText('APP(abc)')).toEqual([]);
    expect(checkText('电商运营，做电商的都应该看看（全文）')).toEqual([]);
  });
});

describe('content checker: Traditional characters, without false alarms', () => {
  it('accepts standard Simplified words written with 著 (zhù): 显著, 著称, 原著, 编著, 土著', () => {
    // 著 is a character of the Simplified standard (通用规范汉字表) in these words; only
    // the zhuó/zháo/zhe readings became 着. "效果显著" is everyday operations prose.
    const words = ['效果显著', '以服务著称', '根据原著改编', '编著者', '土著居民', '他著有三本书', '著名', '名著'];
    expect(words.filter((text) => checkText(text).length > 0)).toEqual([]);
  });

  it('still flags Traditional forms of the same words', () => {
    expect(checkText('效果顯著').map((f) => f.rule)).toEqual(['traditional']);
  });
});

describe('content checker: folder layout', () => {
  const copyOfGoodSmall = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'content-'));
    cpSync('tests/fixtures/good-small', dir, { recursive: true });
    return dir;
  };

  it('reports a missing rules.md', () => {
    const dir = copyOfGoodSmall();
    try {
      rmSync(path.join(dir, 'rules.md'));
      const { content, problems } = readContent(dir);
      expect(content).toBeUndefined();
      expect(problems).toEqual([
        { file: path.relative(ROOT, path.join(dir, 'rules.md')), line: 1, column: 1, rule: 'unknown-file', message: 'rules.md is missing' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a Markdown file in an unknown place', () => {
    const dir = copyOfGoodSmall();
    try {
      writeFileSync(path.join(dir, 'notes.md'), '---\ntitle: 笔记\n---\n');
      const { problems } = readContent(dir);
      expect(problems).toEqual([
        {
          file: path.relative(ROOT, path.join(dir, 'notes.md')),
          line: 1,
          column: 1,
          rule: 'unknown-file',
          message: expect.stringMatching(/unknown content file/),
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run check:content (lib/cli/check-content.ts)', () => {
  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run('npx', ['tsx', 'lib/cli/check-content.ts', ...args], { cwd: ROOT });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it('exits 0 for content/ (given, and by default)', async () => {
    const [given, byDefault] = await Promise.all([cli('content'), cli()]);
    for (const r of [given, byDefault]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/content ok: 1 article\(s\), 1 author\(s\)/);
      expect(r.stderr).toBe('');
    }
  }, 60_000);

  // readContent is checked against every bad folder above; the CLI only has to report and
  // fail, so three folders cover it: a per-file rule, a cross-file rule, several problems.
  const CLI_FOLDERS = ['spam', 'duplicate-slug', 'ascii-punctuation'];

  it('exits non-zero for a bad folder and prints path:line:column: message lines', async () => {
    const results = await Promise.all(CLI_FOLDERS.map((folder) => cli(`${BAD}/${folder}`)));
    CLI_FOLDERS.forEach((folder, i) => {
      const expected = CASES[folder]!;
      const r = results[i]!;
      expect(r.code).not.toBe(0);
      const lines = r.stderr.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l));
      expect(lines.map((l) => l.match(/^(\S+):(\d+):(\d+): (.*)$/)!.slice(1, 4))).toEqual(expected.map((e) => [e.file, String(e.line), String(e.column)]));
      lines.forEach((l, k) => expect(l).toMatch(expected[k]!.message));
      expect(r.stderr).toContain(`${expected.length} content problem(s).`);
    });
  }, 120_000);
});

describe('content checker: the zh-TW exceptions file (parseZhTwExceptions)', () => {
  const parse = (source: string) => parseZhTwExceptions('zh-TW-exceptions.yaml', source);

  it('reads well-formed entries in order, with where each is written', () => {
    const { entries, problems } = parse('exceptions:\n  - from: 注销\n    to: 註銷\n    why: 删除账号，不是登出。\n');
    expect(problems).toEqual([]);
    expect(entries).toEqual([{ from: '注销', to: '註銷', line: 2, column: 5 }]);
  });

  it('reports invalid YAML, a file without an exceptions list, and an unknown key, each where it is', () => {
    expect(parse('exceptions:\n  - from: 注销\n    from: 注销\n').problems).toEqual([
      { file: 'zh-TW-exceptions.yaml', line: 3, column: 5, rule: 'zh-tw-exception', message: expect.stringMatching(/invalid YAML/) },
    ]);
    expect(parse('注销: 註銷\n').problems).toEqual([
      { file: 'zh-TW-exceptions.yaml', line: 1, column: 1, rule: 'zh-tw-exception', message: expect.stringMatching(/"exceptions"/) },
    ]);
    const unknownKey = parse('exceptions:\n  - from: 注销\n    to: 註銷\n    why: 删除账号。\n    note: 多余\n');
    expect(unknownKey.entries).toEqual([]);
    expect(unknownKey.problems).toEqual([expect.objectContaining({ line: 2, column: 5, message: expect.stringMatching(/note/) })]);
  });

  it('reports the same lines and columns for a file with CRLF line endings', () => {
    const file = `${BAD}/zh-tw-exception/zh-TW-exceptions.yaml`;
    const crlf = readFileSync(file, 'utf8').replace(/\n/g, '\r\n');
    const at = (problems: Array<{ line: number; column: number }>) => problems.map((p) => [p.line, p.column]);
    // The two problems found while parsing (the others need the content and are checked by readContent).
    expect(at(parse(crlf).problems)).toEqual(at(CASES['zh-tw-exception']!.slice(0, 2)));
  });

  it('reports a from that is not Chinese characters at its value', () => {
    expect(parse('exceptions:\n  - from: log out\n    to: 登出\n    why: 英文。\n').problems).toEqual([
      expect.objectContaining({ line: 2, column: 11, message: expect.stringMatching(/"from" must be Chinese characters only/) }),
    ]);
  });
});
