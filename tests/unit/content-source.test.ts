import type { List, Root, RootContent } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContent, type ContentSource } from '@/lib/content/load';
import { bodyStats, plainText } from '@/lib/content/localize';
import { seedArticle, seedRules, squash, stripListMarker } from './support/seed';

const ARTICLE_FILE = 'content/articles/how-ecommerce-operations-work.md';

let content: ContentSource;
beforeAll(() => {
  const result = readContent('content');
  expect(result.problems).toEqual([]);
  content = result.content!;
});

const article = () => {
  const a = content.articles.find((x) => x.file === ARTICLE_FILE);
  if (!a) throw new Error(`${ARTICLE_FILE} not loaded`);
  return a;
};

const headingTexts = (body: Root, depth: number) => body.children.flatMap((n) => (n.type === 'heading' && n.depth === depth ? [plainText(n)] : []));

/** All the prose of a body, whitespace removed, to search seed lines in. */
const bodyText = (body: Root) => squash(body.children.map((n) => plainText(n)).join(''));

const allLists = (node: Root | RootContent): List[] => {
  const out: List[] = [];
  const walk = (n: Root | RootContent) => {
    if (n.type === 'list') out.push(n);
    if ('children' in n) for (const c of n.children) walk(c as RootContent);
  };
  walk(node);
  return out;
};

describe('the article (content/articles/how-ecommerce-operations-work.md) against the seed page', () => {
  const seed = seedArticle();

  // Seed shapes: "一、…" and "总结" are sections, "1.“…”" sub-sections, "（1）…" sub-sub-sections;
  // items are drawn as "  1. …" (numbered) or "  • …" (bullets).
  const seedH2 = seed.lines.filter((l) => /^[一二三四五六七八九十]+、/u.test(l) || l === '总结');
  const seedH3 = seed.lines.filter((l) => /^\d+\.“/u.test(l));
  const seedH4 = seed.lines.filter((l) => /^（\d+）/u.test(l));
  const seedNumbered = seed.rawLines.filter((l) => /^\s+\d+\.\s/u.test(l));
  const seedBullets = seed.rawLines.filter((l) => /^\s+•\s/u.test(l));

  it('the seed itself has the shape the brief describes (guards the seed-derived counts below)', () => {
    expect(seedH2).toHaveLength(7);
    expect(seedH3).toHaveLength(2);
    expect(seedH4).toHaveLength(2);
    expect(seedNumbered.length + seedBullets.length).toBe(18);
  });

  it('has the seed title and publication time (Beijing time, with its zone)', () => {
    expect(article().title).toBe(seed.title);
    expect(article().title).toBe('电商是怎么运营的（做电商的都应该看看）');
    expect(article().publishedAt).toBe(`${seed.published.replace(' ', 'T')}+08:00`);
    expect(article().author).toBe('lin-xiansheng');
  });

  it('has 7 level-2 headings (一…六 and 总结), in the seed order', () => {
    const h2 = headingTexts(article().body, 2);
    expect(h2).toEqual([
      '一、什么是运营、电商运营',
      '二、什么是电商运营',
      '三、电商平台关键要素',
      '四、电商平台运营职能分工',
      '五、如何入门',
      '六、学习渠道',
      '总结',
    ]);
    expect(h2.map(squash)).toEqual(seedH2.map(squash));
  });

  it('has the seed level-3 and level-4 headings, in order', () => {
    expect(headingTexts(article().body, 3)).toEqual(['1.“用户获取”阶段运营职能', '2.“用户维系”阶段运营职能']);
    expect(headingTexts(article().body, 3).map(squash)).toEqual(seedH3.map(squash));
    expect(headingTexts(article().body, 4)).toEqual(['（1）平台侧运营', '（2）供给侧运营']);
    expect(headingTexts(article().body, 4).map(squash)).toEqual(seedH4.map(squash));
  });

  it('bodyStats counts 7/2/2 headings and 18 list items, as many as the seed draws', () => {
    const stats = bodyStats(article().body);
    expect(stats.headings).toEqual({ 2: seedH2.length, 3: seedH3.length, 4: seedH4.length });
    expect(stats.headings).toEqual({ 2: 7, 3: 2, 4: 2 });
    expect(stats.listItems).toBe(seedNumbered.length + seedBullets.length);
    expect(stats.listItems).toBe(18);
  });

  it('keeps numbered items as ordered lists and bullets as unordered lists', () => {
    const lists = allLists(article().body);
    const count = (ordered: boolean) => lists.filter((l) => !!l.ordered === ordered).reduce((n, l) => n + l.children.length, 0);
    expect(count(true)).toBe(seedNumbered.length);
    expect(count(false)).toBe(seedBullets.length);
  });

  it('has one paragraph per remaining seed line (lead, prose, labels)', () => {
    const topLevelParagraphs = article().body.children.filter((n) => n.type === 'paragraph').length;
    const seedParagraphs = seed.rawLines.length - seedH2.length - seedH3.length - seedH4.length - seedNumbered.length - seedBullets.length;
    expect(topLevelParagraphs).toBe(seedParagraphs);
  });

  it('drops nothing: every seed line (de-pinyined, Simplified, full-width, no list marker) is in the body', () => {
    const text = bodyText(article().body);
    const missing = seed.lines.map((l) => squash(stripListMarker(l))).filter((l) => l !== '' && !text.includes(l));
    expect(missing).toEqual([]);
    // The lead is the first paragraph.
    const first = article().body.children[0]!;
    expect(first.type).toBe('paragraph');
    expect(squash(plainText(first))).toBe(squash(seed.lines[0]!));
  });
});

describe('the community rules (content/rules.md) against the seed page', () => {
  const seed = seedRules();
  const parts = () => content.rules.model.parts;
  const categories = () => parts().flatMap((p) => (p.kind === 'categories' ? p.categories : []));
  /** All the prose of the rules model (markers gone), to search seed lines in. */
  const modelText = () =>
    squash(
      parts()
        .flatMap((p): RootContent[] => {
          switch (p.kind) {
            case 'preamble':
              return p.blocks;
            case 'categories':
              return [p.heading.node, ...p.intro, ...p.categories.flatMap((c) => [c.lead, ...c.items])];
            case 'penalties':
            case 'appeal':
            case 'section':
              return [p.heading.node, ...p.blocks];
            case 'closing':
              return [p.block];
          }
        })
        .map((n) => plainText(n))
        .join(''),
    );

  it('is titled 社区公约', () => {
    expect(content.rules.title).toBe('社区公约');
  });

  it('is a preamble, categories, penalties, an appeal and a closing line, in that order', () => {
    expect(parts().map((p) => p.kind)).toEqual(['preamble', 'categories', 'penalties', 'appeal', 'closing']);
  });

  it('has 9 categories with 13, 8, 8, 7, 3, 4, 3, 5, 4 items, as the seed does, under the ids stored comments use', () => {
    const perCategory = categories().map((c) => c.items.length);
    expect(perCategory).toEqual([13, 8, 8, 7, 3, 4, 3, 5, 4]);

    // The same counts read off the seed: "N. …" opens a category, "    N)…" is one of its items.
    const seedCounts: number[] = [];
    for (const l of seed.rawLines) {
      if (/^\d+\.\s*\S/u.test(l)) seedCounts.push(0);
      else if (/^\s+\d+\)/u.test(l)) seedCounts[seedCounts.length - 1]! += 1;
    }
    expect(perCategory).toEqual(seedCounts);
    expect(categories().map((c) => c.id)).toEqual(['illegal', 'unfriendly', 'spam', 'vulgar', 'false', 'superstition', 'clickbait', 'fandom', 'other']);
  });

  it('names the categories as the seed does', () => {
    const leads = categories().map((c) => squash(plainText(c.lead)));
    const seedNames = seed.lines.filter((l) => /^\d+\.\s*\S/u.test(l)).map((l) => squash(stripListMarker(l)));
    expect(leads).toEqual(seedNames);
    expect(leads[0]).toBe('违反法律法规的信息，主要表现为：');
    expect(categories().map((c) => c.name)).toEqual([
      '违反法律法规的信息',
      '不友善',
      '发布垃圾广告信息',
      '色情低俗信息',
      '不实信息',
      '传播封建迷信',
      '文章标题党',
      '「饭圈」乱象行为',
      '其他危害行为或内容',
    ]);
  });

  it('states the penalties (禁言 1 天、7 天、15 天直至永久禁言), and the model reads those lengths from them', () => {
    const penalties = parts().find((p) => p.kind === 'penalties');
    expect(penalties?.kind === 'penalties' && penalties.heading.text).toBe('二、违规处罚');
    expect(penalties?.kind === 'penalties' && penalties.blocks.map((n) => plainText(n)).join('\n')).toContain('禁言 1 天、7 天、15 天直至永久禁言');
    expect(penalties?.kind === 'penalties' && penalties.bans).toEqual([{ days: 1 }, { days: 7 }, { days: 15 }, { days: null }]);
  });

  it('drops nothing: every seed line of the rules is in the rules model', () => {
    const text = modelText();
    expect(text).not.toContain('{#');
    const missing = seed.lines.map((l) => squash(stripListMarker(l))).filter((l) => l !== '' && !text.includes(l));
    expect(missing).toEqual([]);
  });
});
