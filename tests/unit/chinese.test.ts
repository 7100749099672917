import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { describe, expect, it } from 'vitest';
import { convertToSimplified, countHan, createTraditionalConverter, toCornerQuotes } from '@/lib/content/chinese';
import { loadContent } from '@/lib/content/load';
import { HAN_CHARACTERS_PER_MINUTE, bodyStats, localizeText, plainText, readingMinutes, renderBody } from '@/lib/content/localize';
import { convertToTraditional } from '@/lib/content/zh-tw';
import { hastText } from './support/hast-text';

const article = () => loadContent('content').articles.find((a) => a.slug === 'how-ecommerce-operations-work')!;

const paragraph = (text: string): MdastRoot => ({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] });

// Characters that exist only in Simplified Chinese; none may reach a zh-TW reader.
const SIMPLIFIED_ONLY = ['运', '电', '们', '这', '个', '为', '说', '时', '产', '关', '务', '与', '对', '么', '营', '负', '责'];

describe('convertToTraditional (OpenCC cn → twp, Taiwan phrases, with content/zh-TW-exceptions.yaml)', () => {
  it.each([
    ['电商是怎么运营的', '電商是怎麼運營的'],
    ['关键词', '關鍵詞'],
    ['以后', '以後'],
    ['里面', '裡面'],
    // OpenCC writes 賬號; the exceptions file makes it Taiwan's 帳號, as the site chrome says.
    ['账号', '帳號'],
    ['帐号', '帳號'],
  ])('%s → %s', (simplified, traditional) => {
    expect(convertToTraditional(simplified)).toBe(traditional);
  });

  it('uses Taiwan phrases, not only Taiwan characters', () => {
    expect(convertToTraditional('用户')).toBe('使用者');
    expect(convertToTraditional('数据')).toBe('資料');
    expect(convertToTraditional('视频')).toBe('影片');
    expect(convertToTraditional('信息')).toBe('資訊');
    expect(convertToTraditional('软件')).toBe('軟體');
  });

  it('writes the editors’ exceptions where twp is wrong', () => {
    expect(convertToTraditional('你可以注销账号')).toBe('你可以註銷帳號');
    expect(convertToTraditional('在所有设备上退出登录')).toBe('在所有裝置上登出');
    expect(convertToTraditional('多次发布包含')).toBe('多次發布包含');
    expect(convertToTraditional('评论经审核后')).toBe('評論經審核後');
    expect(convertToTraditional('社区公约')).toBe('社區公約');
  });

  it('writes “” and ‘’ as Taiwan’s corner quotes', () => {
    expect(convertToTraditional('落实“依法管网”的要求')).toBe('落實「依法管網」的要求');
  });

  it('leaves Latin letters, digits and punctuation alone', () => {
    expect(convertToTraditional('APP推广合作 GMV 1-3岁，20元！')).toBe('APP推廣合作 GMV 1-3歲，20元！');
  });

  it('round-trips the article title through convertToSimplified', () => {
    const title = '电商是怎么运营的（做电商的都应该看看）';
    expect(convertToSimplified(convertToTraditional(title))).toBe(title);
  });
});

describe('createTraditionalConverter (exceptions before OpenCC, then quotes)', () => {
  it('without exceptions is OpenCC twp', () => {
    const convert = createTraditionalConverter([]);
    expect(convert('注销账号')).toBe('登出賬號');
    expect(convert('用户数据')).toBe('使用者資料');
  });

  it('writes an exception as given, and OpenCC converts the text around it', () => {
    const convert = createTraditionalConverter([{ from: '注销', to: '註銷' }]);
    expect(convert('用户注销账号')).toBe('使用者註銷賬號');
    expect(convert('注销')).toBe('註銷');
    expect(convert('注销注销')).toBe('註銷註銷');
    expect(convert('没有例外')).toBe('沒有例外');
  });

  it('the longest exception at a position wins, whatever the order in the file', () => {
    const exceptions = [
      { from: '信息', to: '資訊' },
      { from: '国家互联网信息办公室', to: '國家互聯網信息辦公室' },
      { from: '互联网', to: '網際網路' },
    ];
    for (const list of [exceptions, [...exceptions].reverse()]) {
      const convert = createTraditionalConverter(list);
      expect(convert('落实国家互联网信息办公室的要求')).toBe('落實國家互聯網信息辦公室的要求');
      expect(convert('互联网信息')).toBe('網際網路資訊');
    }
  });

  it('OpenCC never sees an exception’s text, so no OpenCC phrase reaches into it', () => {
    // Only the text outside the exception goes to OpenCC: 账号 is converted on its own.
    const convert = createTraditionalConverter([{ from: '发布', to: '發布' }]);
    expect(convert('发布账号')).toBe('發布賬號');
    expect(createTraditionalConverter([])('发布账号')).toBe('釋出賬號');
  });

  it('turns quotes into corner quotes, the inner ones into double corner quotes', () => {
    const convert = createTraditionalConverter([]);
    expect(convert('他说“这是‘运营’”')).toBe('他說「這是『運營』」');
  });

  it('keeps an apostrophe between Latin letters, and converts a closing quote after Chinese', () => {
    expect(toCornerQuotes('don’t')).toBe('don’t');
    expect(toCornerQuotes('it’s ‘SEO’')).toBe('it’s 『SEO』');
    expect(toCornerQuotes('‘运营’')).toBe('『运营』');
    expect(createTraditionalConverter([])('“Don’t”，他说')).toBe('「Don’t」，他說');
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
    // Taiwan phrases are often longer (用户 → 使用者): that is why reading time is counted on the source.
    expect(countHan(hastText(renderBody(body, 'zh-TW')))).toBeGreaterThan(han);
  });
});
