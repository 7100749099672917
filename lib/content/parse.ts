import type { Root as MdastRoot, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { location } from 'vfile-location';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import type { ContentProblem, ContentRule } from './problem';
import { checkText } from './text-rules';

/** A Markdown file read from disk: its Markdown tree, front matter and problems found so far. */
export type ParsedFile<T> = {
  file: string;
  /** The file's text, for rules that read it as written (offsets map onto lines and columns). */
  source: string;
  /** Line and column of a character offset. */
  pointAt: (offset: number) => { line: number; column: number };
  tree: MdastRoot;
  data: T | undefined;
  problems: ContentProblem[];
  /** Where a front matter key's value starts, for problems found later (unknown author…). */
  positionOf: (path: Array<string | number>) => { line: number; column: number };
};

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/**
 * Parses a content file, validates its front matter with `schema`, and runs the
 * per-file rules (text rules on prose and front matter strings, no raw HTML).
 */
export function parseContentFile<S extends z.ZodType>(file: string, source: string, schema: S): ParsedFile<z.infer<S>> {
  const problems: ContentProblem[] = [];
  const loc = location(source);
  const at = (offset: number) => {
    const p = loc.toPoint(offset) ?? { line: 1, column: 1 };
    return { line: p.line, column: p.column };
  };
  const report = (offset: number, rule: ContentRule, message: string) => problems.push({ file, ...at(offset), rule, message });

  const tree = processor.parse(source) as MdastRoot;
  const yamlNode = tree.children.find((n): n is Yaml => n.type === 'yaml');

  let data: z.infer<S> | undefined;
  let positionOf: ParsedFile<unknown>['positionOf'] = () => ({ line: 1, column: 1 });

  if (!yamlNode || yamlNode.position?.start.offset === undefined) {
    report(0, 'front-matter', 'missing YAML front matter (a block between --- lines at the top)');
  } else {
    // The YAML text starts on the line after the opening ---.
    const yamlStart = source.indexOf('\n', yamlNode.position.start.offset) + 1;
    const lineCounter = new LineCounter();
    const doc = parseDocument(yamlNode.value, { lineCounter, prettyErrors: false });
    for (const err of doc.errors) report(yamlStart + err.pos[0], 'front-matter', `invalid YAML: ${err.message.split('\n')[0]}`);

    const nodeAt = (path: Array<string | number>): YamlNode | undefined => {
      const n = doc.getIn(path, true);
      return n && typeof n === 'object' && 'range' in (n as object) ? (n as YamlNode) : undefined;
    };
    positionOf = (path) => {
      // Walk up to the nearest node that exists: a missing key points at its parent.
      for (let i = path.length; i >= 0; i--) {
        const range = nodeAt(path.slice(0, i))?.range;
        if (range && i > 0) return at(yamlStart + range[0]);
      }
      return at(yamlNode.position!.start.offset!);
    };

    if (doc.errors.length === 0) {
      const result = schema.safeParse(doc.toJS());
      if (result.success) data = result.data;
      else
        for (const issue of result.error.issues) {
          const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
          const name = path.join('.') || 'front matter';
          const p = positionOf(path);
          problems.push({ file, ...p, rule: 'front-matter', message: `front matter "${name}": ${issue.message}` });
        }
      visitYamlStrings(doc.contents, (start, raw) => {
        for (const f of checkText(raw)) report(yamlStart + start + f.offset, f.rule, f.message);
      }, yamlNode.value);
    }
  }

  visit(tree, (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    if (node.type === 'html' && !isPaidMarker(node)) report(start, 'raw-html', 'raw HTML is not allowed in Markdown: use Markdown syntax');
    if (node.type === 'text') {
      // Check the source as written, so offsets map exactly onto lines and columns.
      for (const f of checkText(source.slice(start, end))) report(start + f.offset, f.rule, f.message);
    }
    // An image's alt text is prose readers hear, but not a text node: checked where it is written, after "![".
    if (node.type === 'image' && node.alt) {
      const at = source.startsWith(node.alt, start + 2) ? start + 2 : start;
      for (const f of checkText(node.alt)) report(at + (at === start ? 0 : f.offset), f.rule, f.message);
    }
  });

  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, source, pointAt: at, tree, data, problems, positionOf };
}

/** The line that ends a paid article's free part. An HTML comment: invisible if rendered anywhere else. */
export const PAID_MARKER = '<!-- paid -->';

/** Whether a Markdown node is the paid marker line. */
export function isPaidMarker(node: { type: string; value?: unknown }): boolean {
  return node.type === 'html' && typeof node.value === 'string' && node.value.trim() === PAID_MARKER;
}

function visitYamlStrings(node: unknown, fn: (start: number, raw: string) => void, text: string): void {
  if (isScalar(node)) {
    if (typeof node.value === 'string' && node.range) fn(node.range[0], text.slice(node.range[0], node.range[1]));
  } else if (isMap(node)) {
    for (const pair of node.items) visitYamlStrings(pair.value, fn, text);
  } else if (isSeq(node)) {
    for (const item of node.items) visitYamlStrings(item, fn, text);
  }
}
