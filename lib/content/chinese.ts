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
