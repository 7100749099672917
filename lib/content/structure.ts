import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import {
  CLOSING_ID,
  RULES_SECTION_IDS,
  type ArticleModel,
  type ArticlePart,
  type ArticleSection,
  type Ban,
  type HeadingLevel,
  type RuleCategory,
  type RulesModel,
  type RulesPart,
  type SectionHeading,
} from './model';
import { isPaidMarker } from './parse';
import type { ContentRule } from './problem';
import { ID_MARKER, Slugger } from './slug';

/** The source models: the same structure, Markdown blocks (markers removed, ids set). */
export type ArticleSourceModel = ArticleModel<RootContent>;
export type RulesSourceModel = RulesModel<RootContent>;

/** Reports a problem at a character offset of the file. */
export type Report = (offset: number, rule: ContentRule, message: string) => void;

const plain = (nodes: readonly PhrasingContent[]): string => {
  let text = '';
  for (const n of nodes) visit(n, 'text', (t: Text) => void (text += t.value));
  return text;
};

type Marked<T> = { node: T; id: string | undefined; before: string };

/**
 * Finds an editor's `{#id}` marker among a heading's or paragraph's own text and
 * returns a copy without it, the id, and the plain text before the marker.
 */
function takeMarker<T extends Heading | Paragraph>(node: T): Marked<T> {
  const copy = structuredClone(node);
  for (let i = 0; i < copy.children.length; i++) {
    const child = copy.children[i]!;
    if (child.type !== 'text') continue;
    const m = ID_MARKER.exec(child.value);
    if (!m) continue;
    const before = plain(copy.children.slice(0, i)) + child.value.slice(0, m.index);
    child.value = child.value.slice(0, m.index) + child.value.slice(m.index + m[0].length);
    if (child.value === '') copy.children.splice(i, 1);
    // "name {#id}" at the end of a heading leaves no trailing space behind.
    const last = copy.children[copy.children.length - 1];
    if (last?.type === 'text') last.value = last.value.replace(/[ \t]+$/, '');
    return { node: copy, id: m[1]!.trim(), before: before.trim() };
  }
  return { node: copy, id: undefined, before: '' };
}

/**
 * Gives every top-level heading its id: the editor's `{#id}` when written (claimed
 * first, so a later heading's slug never takes it), else a slug of its text, made
 * unique with -1, -2…. The id goes into `data.hProperties`, so the HTML carries it.
 */
function identifyHeadings(nodes: RootContent[], slugger: Slugger): RootContent[] {
  const marked = nodes.map((n) => (n.type === 'heading' ? takeMarker(n) : undefined));
  for (const m of marked) if (m?.id !== undefined) slugger.claim(m.id);
  return nodes.map((n, i) => {
    const m = marked[i];
    if (!m) return n;
    const id = m.id ?? slugger.slug(plain(m.node.children));
    m.node.data = { ...m.node.data, hProperties: { ...m.node.data?.hProperties, id } };
    return m.node;
  });
}

const headingOf = (h: Heading): SectionHeading<RootContent> => ({
  id: String(h.data?.hProperties?.id ?? ''),
  level: h.depth as HeadingLevel,
  text: plain(h.children).trim(),
  node: h,
});

/** Nests blocks under headings: a heading owns what follows up to the next heading of its level or higher. */
function nest(nodes: RootContent[]): { lead: RootContent[]; sections: Array<ArticleSection<RootContent>> } {
  const lead: RootContent[] = [];
  const sections: Array<ArticleSection<RootContent>> = [];
  const stack: Array<ArticleSection<RootContent>> = [];
  for (const n of nodes) {
    if (n.type === 'heading') {
      const section: ArticleSection<RootContent> = { kind: 'section', heading: headingOf(n), blocks: [], subsections: [] };
      while (stack.length > 0 && stack[stack.length - 1]!.heading.level >= n.depth) stack.pop();
      (stack.length > 0 ? stack[stack.length - 1]!.subsections : sections).push(section);
      stack.push(section);
    } else if (stack.length > 0) stack[stack.length - 1]!.blocks.push(n);
    else lead.push(n);
  }
  return { lead, sections };
}

const withoutFrontMatter = (tree: Root): RootContent[] => tree.children.filter((n) => n.type !== 'yaml');

/**
 * An article's typed structure: its lead, its sections (stable ids) and, when it
 * has a price and a `<!-- paid -->` line, the paid part after that line.
 */
export function buildArticleModel(tree: Root, price: number | undefined): ArticleSourceModel {
  const all = withoutFrontMatter(tree);
  const marker = price === undefined ? -1 : all.findIndex(isPaidMarker);
  const identified = identifyHeadings(all, new Slugger());
  const free = marker < 0 ? identified : identified.slice(0, marker);
  const { lead, sections } = nest(free);
  const parts: Array<ArticlePart<RootContent>> = [];
  if (lead.length > 0) parts.push({ kind: 'lead', blocks: lead });
  parts.push(...sections);
  if (marker >= 0 && price !== undefined) parts.push({ kind: 'paid', price, ...nest(identified.slice(marker + 1)) });
  return { parts };
}

// The penalties section: ban lengths are read from its sentences about 禁言.
const SENTENCE = /[^。；;！!？?\n]+/gu;
const DAYS = /(\d+)\s*天/gu;
const PERMANENT = /永久/gu;
const UNREADABLE = /(?:\d+|[零一二两三四五六七八九十百千]+)\s*(?:个?小时|分钟|周|星期|个?月|年|天)/gu;

/**
 * Reads the ban lengths from the penalties section's text: in every sentence that
 * mentions 禁言, each "N 天" is a ban of N days and 永久 a permanent one
 * (「禁言 1 天、7 天、15 天直至永久禁言」). A length written any other way (一周,
 * 24 小时, 一天) is reported at its column, as is a 禁言 sentence with no length.
 */
function readBans(blocks: RootContent[], source: string, report: Report): Ban[] {
  const bans: Ban[] = [];
  const seen = new Set<number | null>();
  const add = (days: number | null, offset: number, text: string) => {
    if (seen.has(days)) report(offset, 'rules-model', `ban length "${text}" is stated twice`);
    else bans.push({ days });
    seen.add(days);
  };
  for (const block of blocks) {
    visit(block, 'text', (t: Text) => {
      const start = t.position?.start.offset;
      const end = t.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const text = source.slice(start, end);
      for (const s of text.matchAll(SENTENCE)) {
        const sentence = s[0];
        if (!sentence.includes('禁言')) continue;
        const base = start + s.index;
        const found: Array<{ at: number; days: number | null; text: string }> = [];
        const readable = new Set<number>();
        for (const m of sentence.matchAll(DAYS)) {
          found.push({ at: m.index, days: Number(m[1]), text: m[0] });
          readable.add(m.index);
        }
        for (const m of sentence.matchAll(PERMANENT)) found.push({ at: m.index, days: null, text: m[0] });
        let unreadable = false;
        for (const m of sentence.matchAll(UNREADABLE)) {
          if (readable.has(m.index)) continue;
          unreadable = true;
          report(base + m.index, 'rules-model', `ban length "${m[0]}" cannot be read: write whole days as "N 天" with Arabic digits, or 永久`);
        }
        if (found.length === 0 && !unreadable) {
          report(base + sentence.indexOf('禁言'), 'rules-model', 'a sentence about 禁言 in the penalties section states no ban length: write "禁言 N 天" or "永久禁言"');
        }
        for (const f of found.sort((a, b) => a.at - b.at)) add(f.days, base + f.at, f.text);
      }
    });
  }
  return bans;
}

/** The categories: one numbered list, each item "name{#id}：…" with its own numbered items. */
function readCategories(heading: SectionHeading<RootContent>, blocks: RootContent[], report: Report): RulesPart<RootContent> {
  const at = blocks.findIndex((n): n is List => n.type === 'list' && n.ordered === true);
  const list = blocks[at] as List | undefined;
  for (const extra of at < 0 ? [] : blocks.slice(at + 1)) {
    report(extra.position?.start.offset ?? 0, 'rules-model', 'nothing may follow the list of categories in its section: move it before the list or under another heading');
  }
  const categories = (list?.children ?? []).map((item: ListItem): RuleCategory<RootContent> => {
    const first = item.children[0];
    const lead = first?.type === 'paragraph' ? takeMarker(first) : undefined;
    const items = item.children.find((n): n is List => n.type === 'list')?.children ?? [];
    return {
      // Without a marker the id is missing: the zod check reports it and the content is not loaded.
      id: lead?.id,
      name: (lead?.id === undefined ? plain(first?.type === 'paragraph' ? first.children : []) : lead.before).trim(),
      lead: lead?.node ?? item,
      items,
    } as RuleCategory<RootContent>;
  });
  return { kind: 'categories', heading, intro: at < 0 ? blocks : blocks.slice(0, at), categories };
}

/**
 * The community rules' typed structure. Level-2 headings split it into sections;
 * a heading's `{#id}` gives the section its kind (`categories`, `penalties`,
 * `appeal`; any other id is a plain section). What precedes the first heading is
 * the preamble; a last paragraph marked `{#closing}` is the closing line.
 */
export function buildRulesModel(tree: Root, source: string, report: Report): RulesSourceModel {
  let nodes = withoutFrontMatter(tree);
  let closing: RootContent | undefined;
  nodes = nodes.filter((n, i) => {
    if (n.type !== 'paragraph') return true;
    const m = takeMarker(n);
    if (m.id === undefined) return true;
    const offset = n.position?.start.offset ?? 0;
    if (m.id !== CLOSING_ID) {
      report(offset, 'rules-model', `unknown marker {#${m.id}} on a paragraph: only the closing line is marked, with {#${CLOSING_ID}}`);
      return true;
    }
    if (i !== nodes.length - 1) {
      report(offset, 'rules-model', `the {#${CLOSING_ID}} line must be the last paragraph of the rules`);
      return true;
    }
    closing = m.node;
    return false;
  });

  const identified = identifyHeadings(nodes, new Slugger());
  const parts: Array<RulesPart<RootContent>> = [];
  const preamble: RootContent[] = [];
  const groups: Array<{ heading: Heading; blocks: RootContent[] }> = [];
  for (const n of identified) {
    if (n.type === 'heading' && n.depth <= 2) groups.push({ heading: n, blocks: [] });
    else (groups.length > 0 ? groups[groups.length - 1]!.blocks : preamble).push(n);
  }
  if (preamble.length > 0) parts.push({ kind: 'preamble', blocks: preamble });
  for (const { heading: h, blocks } of groups) {
    const heading = headingOf(h);
    const kind = (RULES_SECTION_IDS as readonly string[]).includes(heading.id) ? (heading.id as (typeof RULES_SECTION_IDS)[number]) : 'section';
    if (kind === 'categories') parts.push(readCategories(heading, blocks, report));
    else if (kind === 'penalties') parts.push({ kind, heading, blocks, bans: readBans(blocks, source, report) });
    else parts.push({ kind, heading, blocks });
  }
  if (closing) parts.push({ kind: 'closing', block: closing });
  return { parts };
}
