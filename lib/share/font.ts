import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Noto Sans SC (SIL OFL 1.1) from the @fontsource/noto-sans-sc package, for the
 * images the site draws (Open Graph cards, share posters). Fontsource ships the font
 * cut into about a hundred WOFF slices, each with its `unicode-range` in the CSS; an
 * image loads only the slices holding its characters (a poster needs 5–15 of ~50 KB),
 * so nothing depends on the machine's fonts and no subsetting step is needed.
 * WOFF, not WOFF2: satori (next/og) does not read WOFF2.
 */

export type ImageFont = { name: string; data: ArrayBuffer; weight: 400 | 700; style: 'normal' };

const PACKAGE_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', '@fontsource', 'noto-sans-sc');

type Slice = { file: string; ranges: Array<[number, number]> };

const slicesByWeight = new Map<number, Slice[]>();
const fileCache = new Map<string, ArrayBuffer>();

/** Parses `U+4e00-4e3f,U+4e8c` into inclusive code point ranges. */
export function parseUnicodeRange(text: string): Array<[number, number]> {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = Number.parseInt(from!, 16);
    return [start, to === undefined ? start : Number.parseInt(to, 16)];
  });
}

function slices(weight: 400 | 700): Slice[] {
  let list = slicesByWeight.get(weight);
  if (!list) {
    const css = readFileSync(path.join(PACKAGE_DIR, `${weight}.css`), 'utf8');
    list = [...css.matchAll(/url\(\.\/files\/([^)]+\.woff)\) format\('woff'\);\s*unicode-range:\s*([^;]+);/g)].map((m) => ({
      file: m[1]!,
      ranges: parseUnicodeRange(m[2]!),
    }));
    slicesByWeight.set(weight, list);
  }
  return list;
}

function read(file: string): ArrayBuffer {
  let data = fileCache.get(file);
  if (!data) {
    const buf = readFileSync(path.join(PACKAGE_DIR, 'files', file));
    data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    fileCache.set(file, data);
  }
  return data;
}

/**
 * The font slices (regular and bold) that hold every character of `text`, and the
 * CSS font-family list naming them. Satori takes a glyph from the first family in
 * the list that has it, but within one family name it keeps to one file, so each
 * slice gets a family name of its own (`Noto Sans SC 17`).
 */
export function fontsFor(text: string, weights: Array<400 | 700> = [400, 700]): { fonts: ImageFont[]; family: string } {
  const points = new Set<number>();
  for (const ch of text) points.add(ch.codePointAt(0)!);
  // Latin first: satori falls back through the list in order.
  points.add(0x41);
  const fonts: ImageFont[] = [];
  const names = new Set<string>();
  for (const weight of weights) {
    slices(weight).forEach((slice, i) => {
      if ([...points].some((p) => slice.ranges.some(([a, b]) => p >= a && p <= b))) {
        const name = `Noto Sans SC ${i}`;
        names.add(name);
        fonts.push({ name, data: read(slice.file), weight, style: 'normal' });
      }
    });
  }
  return { fonts, family: [...names].map((n) => `'${n}'`).join(', ') };
}
