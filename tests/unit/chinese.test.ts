import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { describe, expect, it } from 'vitest';
import { convertToSimplified, convertToTraditional, countHan } from '@/lib/content/chinese';
import { loadContent } from '@/lib/content/load';
import { HAN_CHARACTERS_PER_MINUTE, bodyStats, localizeText, plainText, readingMinutes, renderBody } from '@/lib/content/localize';

const article = () => loadContent('content').articles.find((a) => a.slug === 'how-ecommerce-operations-work')!;

/** Every text value of a rendered (hast) tree, in order. */
function hastText(tree: HastRoot): string {
  let out = '';
  const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
    if (n.type === 'text' && typeof n.value === 'string') out += n.value;
    for (const c of (n.children ?? []) as Array<typeof n>) walk(c);
  };
  walk(tree);
  return out;
}

const paragraph = (text: string): MdastRoot => ({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] });

// Characters that exist only in Simplified Chinese; none may reach a zh-TW reader.
const SIMPLIFIED_ONLY = ['运', '电', '们', '这', '个', '为', '说', '时', '产', '关', '务', '与', '对', '么', '营', '负', '责'];

describe('convertToTraditional (OpenCC cn → tw, Taiwan standard characters)', () => {
  it.each([
    ['电商是怎么运营的', '電商是怎麼運營的'],
    ['关键词', '關鍵詞'],
    ['社区公约', '社區公約'],
    ['以后', '以後'],
    // OpenCC (tw, and twp alike) writes 賬號; 賬 is in Taiwan's standard character set.
    ['账号', '賬號'],
    ['帐号', '帳號'],
    ['里面', '裡面'],
  ])('%s → %s', (simplified, traditional) => {
    expect(convertToTraditional(simplified)).toBe(traditional);
  });

  it('uses Taiwan characters but keeps the author’s wording (not Taiwan phrases)', () => {
    // `twp` would rewrite 用户 → 使用者 and 软件 → 軟體.
    expect(convertToTraditional('用户')).toBe('用戶');
    expect(convertToTraditional('软件')).toBe('軟件');
  });

  it('leaves Latin letters, digits and punctuation alone', () => {
    expect(convertToTraditional('APP推广合作 GMV 1-3岁，20元！')).toBe('APP推廣合作 GMV 1-3歲，20元！');
  });

  it('round-trips the article title through convertToSimplified', () => {
    const title = '电商是怎么运营的（做电商的都应该看看）';
    expect(convertToSimplified(convertToTraditional(title))).toBe(title);
  });
});

describe('renderBody and localizeText per locale', () => {
  it('zh-TW: the rendered article contains no Simplified-only characters', () => {
    const text = hastText(renderBody(article().body, 'zh-TW'));
    expect(text).toContain('電商');
    expect(text).toContain('運營');
    expect(SIMPLIFIED_ONLY.filter((ch) => text.includes(ch))).toEqual([]);
  });

  it('zh-TW: the rendered rules contain no Simplified-only characters either', () => {
    // (Converting twice is not a check: 干擾 is right in context, but 干 alone becomes 幹.)
    const text = hastText(renderBody(loadContent('content').rules.body, 'zh-TW'));
    expect(text).toContain('本網站');
    expect(SIMPLIFIED_ONLY.filter((ch) => text.includes(ch))).toEqual([]);
  });

  it('zh-CN and en: the rendered article is the Simplified source, unchanged', () => {
    const source = plainText(article().body);
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = hastText(renderBody(article().body, locale));
      expect(text).toContain('电商');
      expect(text).toContain('运营');
      expect(text).not.toContain('電');
      expect(text.replace(/\s+/g, '')).toBe(source.replace(/\s+/g, ''));
    }
  });

  it('converts text only: structure is the same in every locale', () => {
    const shape = (t: HastRoot): string[] => {
      const tags: string[] = [];
      const walk = (n: { type: string; tagName?: string; children?: unknown[] }) => {
        if (n.type === 'element') tags.push(n.tagName!);
        for (const c of (n.children ?? []) as Array<typeof n>) walk(c);
      };
      walk(t);
      return tags;
    };
    const cn = shape(renderBody(article().body, 'zh-CN'));
    expect(shape(renderBody(article().body, 'zh-TW'))).toEqual(cn);
    expect(cn.filter((t) => t === 'h2')).toHaveLength(7);
    expect(cn.filter((t) => t === 'li')).toHaveLength(18);
  });

  it('does not modify the source tree', () => {
    const a = article();
    const before = JSON.stringify(a.body);
    renderBody(a.body, 'zh-TW');
    expect(JSON.stringify(a.body)).toBe(before);
  });

  it('localizeText converts for zh-TW only', () => {
    expect(localizeText('社区公约', 'zh-TW')).toBe('社區公約');
    expect(localizeText('社区公约', 'zh-CN')).toBe('社区公约');
    expect(localizeText('社区公约', 'en')).toBe('社区公约');
  });
});

describe('countHan and readingMinutes (Han characters, 400 a minute)', () => {
  it('counts Han characters only: not Latin, digits, spaces or punctuation', () => {
    expect(countHan('')).toBe(0);
    expect(countHan('电商运营')).toBe(4);
    expect(countHan('電商運營')).toBe(4);
    expect(countHan('APP推广合作 联系“鸟哥笔记小乔”，GMV 1-3岁！')).toBe(13);
    // A character outside the BMP (U+20000) is one character, not two.
    expect(countHan('𠀀一')).toBe(2);
  });

  it('reads 400 characters a minute, rounded up, at least one minute', () => {
    expect(HAN_CHARACTERS_PER_MINUTE).toBe(400);
    expect(readingMinutes(paragraph(''))).toBe(1);
    expect(readingMinutes(paragraph('字'.repeat(400)))).toBe(1);
    expect(readingMinutes(paragraph('字'.repeat(401)))).toBe(2);
    expect(readingMinutes(paragraph(`${'字'.repeat(800)} plus English words that do not count`))).toBe(2);
  });

  it('the article: Han characters of its text, and minutes from them', () => {
    const body = article().body;
    const han = countHan(plainText(body));
    expect(bodyStats(body).hanCharacters).toBe(han);
    expect(han).toBeGreaterThan(2000);
    expect(readingMinutes(body)).toBe(Math.ceil(han / 400));
    // Converting to Traditional changes no count.
    expect(countHan(hastText(renderBody(body, 'zh-TW')))).toBe(han);
  });
});
