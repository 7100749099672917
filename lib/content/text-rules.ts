import { HAN, convertToSimplified, isSimplifiedCharacter } from './chinese';
import type { ContentRule } from './problem';

/** A problem found in a run of text, at an offset into that text. */
export type TextFinding = { offset: number; rule: ContentRule; message: string };

/**
 * Words from the SEO spam the scraped mirror injected (seed line 1). They must never
 * be published; phrases are used rather than single common words to avoid false alarms.
 */
export const SPAM_PHRASES = [
  'chinesefreesexvideos',
  '欧美极品少妇',
  '性运交',
  '久久久国产一区二区三区',
  '99久久婷婷国产综合精品',
  '成人国产一区二区三区',
  '久久婷婷',
  '国产综合精品',
  '国产一区二区三区',
] as const;

// The mirror wrote pinyin after characters: 运(yùn), 联(lián)系.
const PINYIN = /(?<=\p{Script=Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]+\)/gu;
const ASCII_PUNCT = /[,:?();!]/g;
const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  ':': '：',
  '?': '？',
  '(': '（',
  ')': '）',
  ';': '；',
  '!': '！',
};

/** Runs every text rule over one run of prose (a Markdown text node or a front matter string). */
export function checkText(text: string): TextFinding[] {
  const findings: TextFinding[] = [];
  const lower = text.toLowerCase();

  for (const phrase of SPAM_PHRASES) {
    let i = lower.indexOf(phrase);
    while (i !== -1) {
      findings.push({ offset: i, rule: 'spam', message: `injected spam text "${phrase}" must not be published` });
      i = lower.indexOf(phrase, i + phrase.length);
    }
  }

  const pinyinSpans: Array<[number, number]> = [];
  for (const m of text.matchAll(PINYIN)) {
    pinyinSpans.push([m.index, m.index + m[0].length]);
    findings.push({ offset: m.index, rule: 'pinyin', message: `pinyin "${m[0]}" left after a character: remove it` });
  }
  const inPinyin = (i: number) => pinyinSpans.some(([a, b]) => i >= a && i < b);

  const chars = Array.from(text);
  // Offsets are in UTF-16 code units (what editors' columns and vfile use).
  let offset = 0;
  const units: number[] = [];
  for (const ch of chars) {
    units.push(offset);
    offset += ch.length;
  }

  for (const m of text.matchAll(ASCII_PUNCT)) {
    if (inPinyin(m.index)) continue;
    const before = text[m.index - 1] ?? '';
    const after = text[m.index + 1] ?? '';
    if (HAN.test(before) || HAN.test(after)) {
      findings.push({
        offset: m.index,
        rule: 'ascii-punctuation',
        message: `ASCII "${m[0]}" next to Chinese text: use full-width "${FULL_WIDTH[m[0]]}"`,
      });
    }
  }

  const simplified = Array.from(convertToSimplified(text));
  // OpenCC maps character for character here; a different length means a phrase
  // changed shape, so compare only while the two stay aligned.
  if (simplified.length === chars.length) {
    chars.forEach((ch, i) => {
      if (ch !== simplified[i] && HAN.test(ch) && !isSimplifiedCharacter(ch)) {
        findings.push({
          offset: units[i] ?? 0,
          rule: 'traditional',
          message: `Traditional character "${ch}" in the Simplified source: write "${simplified[i]}" (zh-TW is generated)`,
        });
      }
    });
  } else if (chars.some((ch) => HAN.test(ch) && !isSimplifiedCharacter(ch) && convertToSimplified(ch) !== ch)) {
    findings.push({ offset: 0, rule: 'traditional', message: 'Traditional characters in the Simplified source' });
  }

  return findings.sort((a, b) => a.offset - b.offset);
}
