import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTraditionalConverter } from './chinese';
import { contentDir } from './dirs';
import { ZH_TW_EXCEPTIONS_FILE, parseZhTwExceptions } from './zh-tw-exceptions';

let converter: ((text: string) => string) | undefined;

/**
 * The exceptions of the first content folder (the later ones only add articles). A
 * missing file means none; a malformed entry is skipped here because the content
 * check, which every build runs first, refuses it.
 */
function loadConverter(): (text: string) => string {
  const file = path.join(/*turbopackIgnore: true*/ contentDir()[0]!, ZH_TW_EXCEPTIONS_FILE);
  const entries = existsSync(file) ? parseZhTwExceptions(file, readFileSync(file, 'utf8')).entries : [];
  return createTraditionalConverter(entries);
}

/** Converts Simplified Chinese text to zh-TW: OpenCC Taiwan phrases, the editors' exceptions, corner quotes. */
export function convertToTraditional(text: string): string {
  converter ??= loadConverter();
  return converter(text);
}

/** Forgets the loaded exceptions, so development picks up an edited exceptions file. */
export function forgetZhTwExceptions(): void {
  converter = undefined;
}
