import type { Element as HastElement, Root as HastRoot } from 'hast';
import type { List, ListItem, Root as MdastRoot, RootContent } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { countHan } from './chinese';
import { convertToTraditional } from './zh-tw';
import type { ArticleModel, ArticlePart, ArticleSection, RulesModel, RulesPart, SectionHeading } from './model';
import { IMAGE_URL_PATH } from './images';
import { ID_PATTERN } from './slug';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A served copy of a content image (lib/content/images.ts), and a srcset made of them. */
const IMAGE_URL = `${esc(IMAGE_URL_PATH)}[0-9a-f]+(?:-\\d+w\\d+)?\\.(?:png|jpg|gif|webp)`;
const IMAGE_SRC = new RegExp(`^${IMAGE_URL}$`);
const IMAGE_SRCSET = new RegExp(`^${IMAGE_URL} \\d+w(?:, ${IMAGE_URL} \\d+w)*$`);

/** The locales the site is published in; the content itself is written in zh-CN. */
export type SiteLocale = 'zh-CN' | 'zh-TW' | 'en';
/** The language the article text is shown in: en readers get the Simplified original. */
export type ContentLang = 'zh-CN' | 'zh-TW';

export const contentLangFor = (locale: SiteLocale): ContentLang => (locale === 'zh-TW' ? 'zh-TW' : 'zh-CN');

/** Converts a content string for a locale (only zh-TW differs from the source). */
export function localizeText(text: string, locale: SiteLocale): string {
  return locale === 'zh-TW' ? convertToTraditional(text) : text;
}

/**
 * GitHub's sanitising schema, except that headings keep their ids unprefixed (so
 * `#一什么是运营电商运营` links work) and only ids of the slug pattern: no other
 * element may carry an id, and no id can clobber a global the page's scripts read.
 * Markdown has no syntax for ids, so every id here comes from lib/content/slug.ts.
 * An image may only show a served copy of a checked content image, with the
 * attributes lib/content/images.ts gives it: nothing remote, nothing else.
 */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  clobber: (defaultSchema.clobber ?? []).filter((name) => name !== 'id'),
  attributes: {
    ...defaultSchema.attributes,
    '*': (defaultSchema.attributes?.['*'] ?? []).filter((a) => a !== 'id'),
    img: [
      ['src', IMAGE_SRC],
      ['srcSet', IMAGE_SRCSET],
      'alt',
      'title',
      'width',
      'height',
      'sizes',
      ['loading', 'lazy'],
      ['decoding', 'async'],
      ['fetchPriority', 'high'],
    ],
    ...Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => [h, [...(defaultSchema.attributes?.[h] ?? []), ['id', ID_PATTERN]]])),
  },
};

const toHast = unified().use(remarkRehype).use(rehypeSanitize, SANITIZE_SCHEMA);

/**
 * Turns a Markdown body into sanitised HTML (hast) in the locale's script. Conversion
 * happens on text nodes and image alt texts only, so URLs and structure are never touched; sanitising is
 * the last step, after which nothing unsafe is added.
 */
export function renderBody(body: MdastRoot, locale: SiteLocale): HastRoot {
  const tree = structuredClone(body);
  if (locale === 'zh-TW') {
    visit(tree, (node) => {
      if (node.type === 'text') node.value = convertToTraditional(node.value);
      // An image's words are its alt text and title, not text nodes.
      if (node.type === 'image') {
        if (node.alt) node.alt = convertToTraditional(node.alt);
        if (node.title) node.title = convertToTraditional(node.title);
      }
    });
  }
  return toHast.runSync(tree) as HastRoot;
}

/** A sanitised top-level block (paragraph, list, heading…) of a rendered document. */
export type Block = HastElement;

/** Renders Markdown blocks one by one (same pipeline, sanitised last); blocks with no HTML (definitions) drop out. */
export function renderBlocks(nodes: readonly RootContent[], locale: SiteLocale): Block[] {
  if (nodes.length === 0) return [];
  const root = renderBody({ type: 'root', children: [...nodes] }, locale);
  return root.children.filter((n): n is HastElement => n.type === 'element');
}

const renderBlock = (node: RootContent, locale: SiteLocale): Block => {
  const [block] = renderBlocks([node], locale);
  if (!block) throw new Error(`block ${node.type} renders to nothing`);
  return block;
};

const renderHeading = (h: SectionHeading<RootContent>, locale: SiteLocale): SectionHeading<Block> => ({
  ...h,
  text: localizeText(h.text, locale),
  node: renderBlock(h.node, locale),
});

const renderSection = (s: ArticleSection<RootContent>, locale: SiteLocale): ArticleSection<Block> => ({
  kind: 'section',
  heading: renderHeading(s.heading, locale),
  blocks: renderBlocks(s.blocks, locale),
  subsections: s.subsections.map((c) => renderSection(c, locale)),
});

/** An article's model with sanitised HTML blocks, in the locale's script. */
export function renderArticleModel(model: ArticleModel<RootContent>, locale: SiteLocale): ArticleModel<Block> {
  return {
    parts: model.parts.map((p): ArticlePart<Block> => {
      if (p.kind === 'lead') return { kind: 'lead', blocks: renderBlocks(p.blocks, locale) };
      if (p.kind === 'section') return renderSection(p, locale);
      return { kind: 'paid', price: p.price, lead: renderBlocks(p.lead, locale), sections: p.sections.map((s) => renderSection(s, locale)) };
    }),
  };
}

/** A section and its subsections as one flat run of blocks (headings included), for HTML outside React. */
export function flattenSection(s: ArticleSection<Block>): Block[] {
  return [s.heading.node, ...s.blocks, ...s.subsections.flatMap(flattenSection)];
}

/** A rules category's list item rendered alone: in a list of one, so it stays as tight as the source list. */
function renderListItem(item: ListItem, list: Pick<List, 'spread'>, locale: SiteLocale): Block {
  const ol = renderBlock({ type: 'list', ordered: true, spread: list.spread ?? false, children: [item] }, locale);
  const li = ol.children.find((c): c is HastElement => c.type === 'element' && c.tagName === 'li');
  if (!li) throw new Error('list item renders to nothing');
  return li;
}

/** The rules' model with sanitised HTML blocks, in the locale's script. */
export function renderRulesModel(model: RulesModel<RootContent>, locale: SiteLocale): RulesModel<Block> {
  return {
    parts: model.parts.map((p): RulesPart<Block> => {
      switch (p.kind) {
        case 'preamble':
          return { kind: 'preamble', blocks: renderBlocks(p.blocks, locale) };
        case 'categories':
          return {
            kind: 'categories',
            heading: renderHeading(p.heading, locale),
            intro: renderBlocks(p.intro, locale),
            categories: p.categories.map((c) => ({
              id: c.id,
              name: localizeText(c.name, locale),
              lead: renderBlock(c.lead, locale),
              items: c.items.map((i) => renderListItem(i as ListItem, { spread: false }, locale)),
            })),
          };
        case 'penalties':
          return { kind: 'penalties', heading: renderHeading(p.heading, locale), blocks: renderBlocks(p.blocks, locale), bans: p.bans };
        case 'appeal':
        case 'section':
          return { kind: p.kind, heading: renderHeading(p.heading, locale), blocks: renderBlocks(p.blocks, locale) };
        case 'closing':
          return { kind: 'closing', block: renderBlock(p.block, locale) };
      }
    }),
  };
}

/** Counts of the Markdown structure; tests compare them with the source page. */
export type BodyStats = {
  paragraphs: number;
  headings: Record<number, number>;
  lists: number;
  listItems: number;
  hanCharacters: number;
};

/** Counts paragraphs, headings by level, lists, list items and Han characters of a body. */
export function bodyStats(body: MdastRoot): BodyStats {
  const stats: BodyStats = { paragraphs: 0, headings: {}, lists: 0, listItems: 0, hanCharacters: 0 };
  visit(body, (node) => {
    if (node.type === 'paragraph') stats.paragraphs++;
    else if (node.type === 'heading') stats.headings[node.depth] = (stats.headings[node.depth] ?? 0) + 1;
    else if (node.type === 'list') stats.lists++;
    else if (node.type === 'listItem') stats.listItems++;
    else if (node.type === 'text') stats.hanCharacters += countHan(node.value);
  });
  return stats;
}

/** Plain text of a node (headings in an outline, rule category names). */
export function plainText(node: RootContent | MdastRoot): string {
  let text = '';
  visit(node, 'text', (t) => {
    text += t.value;
  });
  return text;
}

/** Chinese readers read about 400 characters a minute; reading time counts characters, not words. */
export const HAN_CHARACTERS_PER_MINUTE = 400;

/** Minutes to read a body, rounded up, at least one. */
export function readingMinutes(body: MdastRoot): number {
  return Math.max(1, Math.ceil(bodyStats(body).hanCharacters / HAN_CHARACTERS_PER_MINUTE));
}
