import type { Position } from 'unist';
import { z } from 'zod';
import { ID_PATTERN, RESERVED_IDS } from './slug';

/**
 * The typed documents: an article is a lead and sections, the community rules are
 * a preamble, categories, penalties, an appeal and a closing line. Both are lists of
 * parts, each part a member of a discriminated union on `kind`, so a page renders
 * each kind with its own component and a contents list can be built from the ids.
 *
 * `N` is the node type of the blocks: Markdown (mdast) in the source model that
 * the checker validates, sanitised HTML (hast) in the views the pages render.
 */

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** A heading: its stable id (the HTML id, the #fragment), level, plain text and node. */
export type SectionHeading<N> = { id: string; level: HeadingLevel; text: string; node: N };

/** A heading and what follows it up to the next heading of the same or a higher level. */
export type ArticleSection<N> = {
  kind: 'section';
  heading: SectionHeading<N>;
  /** Blocks between this heading and the next heading of any level. */
  blocks: N[];
  /** The deeper headings inside it, in order. */
  subsections: Array<ArticleSection<N>>;
};

/** One part of an article, in reading order. */
export type ArticlePart<N> =
  /** Blocks before the first heading. */
  | { kind: 'lead'; blocks: N[] }
  | ArticleSection<N>
  /**
   * Everything after the `<!-- paid -->` line: blocks that continue the section
   * the line sits in, then sections. Only a reader who unlocked it ever gets it.
   */
  | { kind: 'paid'; price: number; lead: N[]; sections: Array<ArticleSection<N>> };

export type ArticleModel<N> = { parts: Array<ArticlePart<N>> };

/** A category of the rules (违反法律法规的信息 …): what a comment is rejected or a reader banned for. */
export type RuleCategory<N> = {
  /** Written by the editor as `{#id}` after the name; stored with moderated comments, so it must stay. */
  id: string;
  /** The words before the `{#id}` marker: the label moderators and readers see. */
  name: string;
  /** The category's first paragraph (name and description), marker removed. */
  lead: N;
  /** Its numbered items. */
  items: N[];
};

/** A ban length of 违规处罚: a number of days, or `null` for permanent. */
export type Ban = { days: number | null };

/** One part of the community rules, in reading order. */
export type RulesPart<N> =
  | { kind: 'preamble'; blocks: N[] }
  | { kind: 'categories'; heading: SectionHeading<N>; intro: N[]; categories: Array<RuleCategory<N>> }
  | { kind: 'penalties'; heading: SectionHeading<N>; blocks: N[]; bans: Ban[] }
  | { kind: 'appeal'; heading: SectionHeading<N>; blocks: N[] }
  /** Any other heading the editor adds. */
  | { kind: 'section'; heading: SectionHeading<N>; blocks: N[] }
  | { kind: 'closing'; block: N };

export type RulesModel<N> = { parts: Array<RulesPart<N>> };

/** A ban's form value and message key: the number of days, or `permanent`. */
export const banKey = (ban: Ban): string => (ban.days === null ? 'permanent' : String(ban.days));

/** The heading ids that give a rules section its kind. */
export const RULES_SECTION_IDS = ['categories', 'penalties', 'appeal'] as const;
/** The `{#closing}` marker names the rules' closing line. */
export const CLOSING_ID = 'closing';

// ---------------------------------------------------------------------------
// zod: the shape a source document must fit. Problems are mapped back to the node
// they are about (see `problemPosition`), so the checker prints file:line:column.

const node = z.custom<{ type: string; position?: Position }>((v) => typeof v === 'object' && v !== null && 'type' in v);
const BAD_ID = 'an id is lowercase letters or digits (any script), "-" and "_", and starts with a letter or a digit';
const Id = z.string({ error: 'needs an id: write {#id} after it' }).regex(ID_PATTERN, BAD_ID);
const Heading = z.object({ id: Id, level: z.number().int().min(1).max(6), text: z.string().min(1, 'heading has no text'), node });

const Section: z.ZodType<ArticleSection<unknown>> = z.object({
  kind: z.literal('section'),
  heading: Heading,
  blocks: z.array(node),
  get subsections() {
    return z.array(Section);
  },
}) as unknown as z.ZodType<ArticleSection<unknown>>;

/** Every id of a document with where it is, for the uniqueness check. */
type IdAt = { id: string; path: PropertyKey[] };

function sectionIds(s: ArticleSection<unknown>, path: PropertyKey[]): IdAt[] {
  return [{ id: s.heading.id, path: [...path, 'heading', 'id'] }, ...s.subsections.flatMap((c, i) => sectionIds(c, [...path, 'subsections', i]))];
}

function checkUnique(ids: IdAt[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  for (const { id, path } of ids) {
    if (RESERVED_IDS.has(id)) ctx.addIssue({ code: 'custom', path, message: `id "${id}" is taken by the page around the text: choose another` });
    else if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: `duplicate id "${id}": ids must be unique within the document` });
    seen.add(id);
  }
}

export const ArticleModelSchema = z
  .object({
    parts: z.array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('lead'), blocks: z.array(node) }),
        Section,
        z.object({ kind: z.literal('paid'), price: z.number().int().positive(), lead: z.array(node), sections: z.array(Section) }),
      ] as unknown as [z.ZodObject, z.ZodObject, z.ZodObject]),
    ),
  })
  .superRefine((m, ctx) => {
    const model = m as ArticleModel<unknown>;
    checkUnique(
      model.parts.flatMap((p, i) =>
        p.kind === 'section' ? sectionIds(p, ['parts', i]) : p.kind === 'paid' ? p.sections.flatMap((s, j) => sectionIds(s, ['parts', i, 'sections', j])) : [],
      ),
      ctx,
    );
  });

const Category = z.object({
  id: z.string({ error: 'a rules category needs an id: write {#id} right after its name, e.g. 发布垃圾广告信息{#spam}：…' }).regex(ID_PATTERN, BAD_ID),
  name: z.string().trim().min(1, 'a rules category needs a name before its {#id}'),
  lead: node,
  items: z.array(node).min(1, 'a rules category needs its numbered items (a nested numbered list)'),
});

export const RulesModelSchema = z
  .object({
    parts: z.array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('preamble'), blocks: z.array(node) }),
        z.object({
          kind: z.literal('categories'),
          heading: Heading,
          intro: z.array(node),
          categories: z.array(Category).min(1, 'the categories section needs a numbered list of categories'),
        }),
        z.object({
          kind: z.literal('penalties'),
          heading: Heading,
          blocks: z.array(node),
          bans: z
            .array(z.object({ days: z.number().int().positive().nullable() }))
            .min(1, 'the penalties section states no ban length: write them as "禁言 1 天、7 天、15 天直至永久禁言"'),
        }),
        z.object({ kind: z.literal('appeal'), heading: Heading, blocks: z.array(node) }),
        z.object({ kind: z.literal('section'), heading: Heading, blocks: z.array(node) }),
        z.object({ kind: z.literal('closing'), block: node }),
      ]),
    ),
  })
  .superRefine((m, ctx) => {
    const model = m as RulesModel<unknown>;
    for (const kind of ['categories', 'penalties'] as const) {
      const at = model.parts.flatMap((p, i) => (p.kind === kind ? [i] : []));
      if (at.length === 0) ctx.addIssue({ code: 'custom', path: [], message: `the rules need a ${kind} section: a heading ending in {#${kind}}` });
    }
    const ids: IdAt[] = [];
    model.parts.forEach((p, i) => {
      if ('heading' in p) ids.push({ id: p.heading.id, path: ['parts', i, 'heading', 'id'] });
      if (p.kind === 'categories') p.categories.forEach((c, j) => ids.push({ id: c.id, path: ['parts', i, 'categories', j, 'id'] }));
    });
    checkUnique(ids, ctx);
  });

/**
 * Where a zod issue points in the source: the position of the deepest object on the
 * issue's path that carries one (a node, a heading's node, a category's lead).
 */
export function problemPosition(root: unknown, path: PropertyKey[]): Position['start'] | undefined {
  let found: Position['start'] | undefined;
  let value: unknown = root;
  const positionOf = (v: unknown): Position['start'] | undefined => {
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as { position?: Position; node?: { position?: Position }; heading?: { node?: { position?: Position } }; lead?: { position?: Position } };
    return o.position?.start ?? o.node?.position?.start ?? o.heading?.node?.position?.start ?? o.lead?.position?.start;
  };
  found = positionOf(value);
  for (const key of path) {
    if (typeof value !== 'object' || value === null) break;
    value = (value as Record<PropertyKey, unknown>)[key];
    found = positionOf(value) ?? found;
  }
  return found;
}
