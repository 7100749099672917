import * as OpenCC from 'opencc-js';

/**
 * zh-TW is OpenCC's Taiwan *phrases* (`twp`): Taiwan characters and Taiwan words
 * (用户→使用者, 数据→資料, 信息→資訊), so a Taiwanese reader reads Taiwanese rather than
 * mainland wording in Traditional characters. Where `twp` gets a word wrong for this
 * site (注销→登出, 发布→釋出), the editor-kept exceptions (content/zh-TW-exceptions.yaml,
 * lib/content/zh-tw-exceptions.ts) win: see createTraditionalConverter.
 */
const toTaiwanPhrases = OpenCC.Converter({ from: 'cn', to: 'twp' });
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** OpenCC `cn` → `twp` alone, without exceptions or quotes (what an exception is compared with). */
export function convertWithTaiwanPhrases(text: string): string {
  return toTaiwanPhrases(text);
}

/** One editor-kept exception: this Simplified text is always written as `to` in zh-TW. */
export type ZhTwException = { from: string; to: string };

// An apostrophe between Latin letters (don't, it’s) is English, not a closing quote.
const APOSTROPHE = /(?<=\p{Script=Latin})’(?=\p{Script=Latin})/u;
const QUOTES: Record<string, string> = { '“': '「', '”': '」', '‘': '『', '’': '』' };

/** Taiwan's corner quotes: “”→「」 and ‘’→『』, except an apostrophe inside an English word. */
export function toCornerQuotes(text: string): string {
  return text.replace(/[“”‘’]/g, (q, i: number) => (q === '’' && APOSTROPHE.test(text.slice(Math.max(0, i - 1), i + 2)) ? q : QUOTES[q]!));
}

/**
 * A Simplified → zh-TW converter: OpenCC `twp`, except that the longest exception
 * found at a position is written as its `to` (its span is cut out before OpenCC sees
 * it, so no OpenCC phrase can reach into it), then corner quotes.
 */
export function createTraditionalConverter(exceptions: readonly ZhTwException[]): (text: string) => string {
  // Candidates by first character, longest first: the first that matches is the longest.
  const byFirst = new Map<string, ZhTwException[]>();
  for (const e of exceptions) {
    if (!e.from) continue;
    const list = byFirst.get(e.from[0]!) ?? [];
    list.push(e);
    byFirst.set(e.from[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.from.length - a.from.length);

  return (text) => {
    if (byFirst.size === 0) return toCornerQuotes(toTaiwanPhrases(text));
    let out = '';
    let plainStart = 0;
    let i = 0;
    while (i < text.length) {
      const hit = byFirst.get(text[i]!)?.find((e) => text.startsWith(e.from, i));
      if (!hit) {
        i++;
        continue;
      }
      out += toTaiwanPhrases(text.slice(plainStart, i)) + hit.to;
      i += hit.from.length;
      plainStart = i;
    }
    return toCornerQuotes(out + toTaiwanPhrases(text.slice(plainStart)));
  };
}

/** Converts Traditional Chinese to Simplified; the checker uses it to find Traditional characters. */
export function convertToSimplified(text: string): string {
  return toSimplified(text);
}

/** Han ideographs (the CJK Unified blocks), the characters Chinese typography rules apply to. */
export const HAN = /\p{Script=Han}/u;

/** Counts Han characters: Chinese reading time is measured in characters, not words. */
export function countHan(text: string): number {
  let n = 0;
  for (const ch of text) if (HAN.test(ch)) n++;
  return n;
}

type Dict = string | Dict[];
const entries = (d: Dict): string[] => (Array.isArray(d) ? d.flatMap(entries) : d.split('|'));

let simplified: Set<string> | undefined;
/**
 * Every character that is valid Simplified Chinese according to OpenCC's own
 * dictionaries: the output side of Traditional→Simplified and the input side of
 * Simplified→Traditional. 著 (显著, 著称) is Simplified too, even though OpenCC
 * turns it into 着 when it reads a text as Traditional.
 */
export function isSimplifiedCharacter(ch: string): boolean {
  if (!simplified) {
    simplified = new Set();
    for (const e of entries(OpenCC.Locale.to.cn as Dict)) for (const c of e.split(' ')[1] ?? '') simplified.add(c);
    for (const e of entries(OpenCC.Locale.from.cn as Dict)) for (const c of e.split(' ')[0] ?? '') simplified.add(c);
  }
  return simplified.has(ch);
}
