import * as OpenCC from 'opencc-js';

/**
 * zh-TW is generated from the Simplified source with OpenCC's Taiwan standard
 * *characters* (`tw`), not Taiwan phrases (`twp`): the article is an author's own
 * words, and `twp` rewrites wording (用户→使用者) and gets some of it wrong.
 */
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Converts Simplified Chinese text to Traditional Chinese (Taiwan standard characters). */
export function convertToTraditional(text: string): string {
  return toTraditional(text);
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
