import { LineCounter, isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { convertWithTaiwanPhrases, type ZhTwException } from './chinese';
import type { ContentProblem } from './problem';
import { checkText } from './text-rules';

/** The editors' list of words OpenCC `twp` writes wrong, in the (first) content folder. */
export const ZH_TW_EXCEPTIONS_FILE = 'zh-TW-exceptions.yaml';

const HAN_ONLY = /^\p{Script=Han}+$/u;
// A key left out is the usual mistake: say so rather than "expected string, received undefined".
const text = () => z.string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be text') });

/** One entry as an editor writes it: the Simplified source, its zh-TW form, and why. */
export const ZhTwExceptionEntry = z.strictObject({
  from: text().regex(HAN_ONLY, 'must be Chinese characters only (the Simplified text as the content writes it)'),
  to: text()
    .trim()
    .min(1, 'must say how zh-TW writes it')
    .refine((s) => !/[“”‘’]/.test(s), 'must not contain quotes (zh-TW quotes are converted separately)'),
  why: text().trim().min(1, 'must say in one line why OpenCC twp is wrong here'),
});
export type ZhTwExceptionEntry = z.infer<typeof ZhTwExceptionEntry>;

/** An exception and where it is written, for problems found after parsing. */
export type PlacedException = ZhTwException & { line: number; column: number };

/** The parsed file: its well-formed entries (in order) and what is wrong with it. */
export type ParsedExceptions = { entries: PlacedException[]; problems: ContentProblem[] };

/**
 * Parses the exceptions file: `exceptions:` followed by a list of `from`/`to`/`why`
 * maps. A malformed entry is reported at its line and column and left out; the
 * others still count.
 */
export function parseZhTwExceptions(file: string, source: string): ParsedExceptions {
  const problems: ContentProblem[] = [];
  const entries: PlacedException[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const report = (offset: number, message: string) => problems.push({ file, ...at(offset), rule: 'zh-tw-exception', message });

  for (const err of doc.errors) report(err.pos[0], `invalid YAML: ${err.message.split('\n')[0]}`);
  if (doc.errors.length > 0) return { entries, problems };

  const list = isMap(doc.contents) ? doc.contents.get('exceptions', true) : undefined;
  if (!isSeq(list)) {
    report(doc.contents?.range?.[0] ?? 0, 'the file must be a map with one key, "exceptions", holding a list of { from, to, why }');
    return { entries, problems };
  }
  for (const item of list.items as YamlNode[]) {
    const start = item.range?.[0] ?? 0;
    const result = ZhTwExceptionEntry.safeParse(item.toJSON());
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = issue.path[0];
        const node = isMap(item) && typeof key === 'string' ? (item.get(key, true) as YamlNode | undefined) : undefined;
        report(node?.range?.[0] ?? start, `exception ${key ? `"${String(key)}" ` : ''}${issue.message}`);
      }
      continue;
    }
    const { from, to } = result.data;
    const traditional = checkText(from).find((f) => f.rule === 'traditional');
    if (traditional) {
      report(start, `exception "from" must be the Simplified source: ${traditional.message}`);
      continue;
    }
    entries.push({ from, to, ...at(start) });
  }
  return { entries, problems };
}

/**
 * Reports what makes an exception useless or misleading: a second entry for the same
 * text (which one wins would depend on order), text no content file contains (a
 * leftover), and an entry OpenCC `twp` already writes the same way (nothing to except).
 */
export function checkZhTwExceptions(file: string, entries: readonly PlacedException[], contentTexts: readonly string[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const first = new Map<string, PlacedException>();
  for (const e of entries) {
    const report = (message: string) => problems.push({ file, line: e.line, column: e.column, rule: 'zh-tw-exception', message });
    const earlier = first.get(e.from);
    if (earlier) {
      report(`duplicate exception "${e.from}" (also at line ${earlier.line}): keep one`);
      continue;
    }
    first.set(e.from, e);
    if (!contentTexts.some((t) => t.includes(e.from))) report(`unused exception "${e.from}": no content file contains it; delete the entry`);
    else if (convertWithTaiwanPhrases(e.from) === e.to) report(`unneeded exception "${e.from}": OpenCC twp already writes "${e.to}"; delete the entry`);
  }
  return problems;
}
