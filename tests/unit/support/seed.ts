import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';

/**
 * The captured source page (a copy of /work/shared/seed/000_51f9052ab256e68c.txt, kept in
 * the repository so the tests do not depend on the workspace). See its README there for
 * what is wrong with it.
 */
export const SEED_FILE = 'tests/fixtures/seed/000_51f9052ab256e68c.txt';

/**
 * The two places where the mirror mangled bytes (seed README: line 114 and line 222),
 * repaired the way the README says content/ carries them. Written in the seed's own
 * (Traditional, punctuation-as-captured) form so they are applied before normalising.
 */
const REPAIRS: Array<[string, string]> = [
  ['因?yàn)檫\\(yùn)營職責(zé)', '因為運營職責'],
  // A mangled "病;" plus a stray <br /> that glued two list items onto one line.
  ['治?。?br />', '治病;\n'],
];

// The mirror wrote pinyin (with tone marks) in ASCII parentheses after characters: 運(yùn).
const PINYIN = /(?<=\p{Script=Han})\([a-z\u00C0-\u024F]+\)/gu;
const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', '?': '？', '(': '（', ')': '）', ';': '；', '!': '！' };
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** The seed as lines, after the README's two byte repairs. */
export function seedLines(): string[] {
  let text = readFileSync(SEED_FILE, 'utf8');
  for (const [bad, good] of REPAIRS) {
    if (!text.includes(bad)) throw new Error(`seed repair not applicable: ${bad}`);
    text = text.replace(bad, good);
  }
  return text.split('\n');
}

/**
 * One seed line the way content/ should carry it: pinyin removed, Simplified, ASCII
 * punctuation made full-width. Whitespace is left alone (see `squash`).
 */
export function normaliseSeedLine(line: string): string {
  return toSimplified(line.replace(PINYIN, '')).replace(/[,:?();!]/g, (c) => FULL_WIDTH[c] ?? c);
}

/** Strips a list marker the page drew as text: "  1. ", "  • ", "    3)", "8.". */
export function stripListMarker(line: string): string {
  return line.replace(/^\s*(?:\d+[.)）]|•)\s*/u, '');
}

/** Removes every kind of whitespace (including the page's no-break spaces) for tolerant comparison. */
export const squash = (s: string): string => s.replace(/\s+/gu, '');

const DATE_LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export type SeedArticle = {
  title: string;
  /** "2022-06-17 19:39:30" as shown on the page (Beijing time). */
  published: string;
  /** Normalised, non-blank lines of the article body (lead to 总结's paragraph). */
  lines: string[];
  /** The same lines, raw (before normalising), for counting list markers. */
  rawLines: string[];
};

/** The article part of the seed: from the line after the publication date to 关键词 (exclusive). */
export function seedArticle(): SeedArticle {
  const raw = seedLines();
  const normalised = raw.map(normaliseSeedLine);
  const dateAt = raw.findIndex((l) => DATE_LINE.test(l.trim()));
  const endAt = normalised.findIndex((l, i) => i > dateAt && l.trim() === '关键词');
  if (dateAt < 1 || endAt < 0) throw new Error('seed article bounds not found');
  const keep = (i: number) => raw[i]!.trim() !== '';
  const indices = Array.from({ length: endAt - dateAt - 1 }, (_, k) => dateAt + 1 + k).filter(keep);
  return {
    title: normalised[dateAt - 1]!.trim(),
    published: raw[dateAt]!.trim(),
    lines: indices.map((i) => normalised[i]!.trim()),
    rawLines: indices.map((i) => raw[i]!),
  };
}

/**
 * The community rules part of the seed: from the preamble (我们致力于…) to the 我知道了
 * that closes the modal (exclusive).
 */
export function seedRules(): { lines: string[]; rawLines: string[] } {
  const raw = seedLines();
  const normalised = raw.map(normaliseSeedLine);
  const startAt = normalised.findIndex((l) => l.startsWith('我们致力于'));
  const endAt = normalised.findIndex((l, i) => i > startAt && l.trim() === '我知道了');
  if (startAt < 0 || endAt < 0) throw new Error('seed rules bounds not found');
  const indices = Array.from({ length: endAt - startAt }, (_, k) => startAt + k).filter((i) => raw[i]!.trim() !== '');
  return { lines: indices.map((i) => normalised[i]!.trim()), rawLines: indices.map((i) => raw[i]!) };
}
