import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot, RootContent } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { convertToTraditional, countHan } from './chinese';

/** The locales the site is published in; the content itself is written in zh-CN. */
export type SiteLocale = 'zh-CN' | 'zh-TW' | 'en';
/** The language the article text is shown in: en readers get the Simplified original. */
export type ContentLang = 'zh-CN' | 'zh-TW';

export const contentLangFor = (locale: SiteLocale): ContentLang => (locale === 'zh-TW' ? 'zh-TW' : 'zh-CN');

/** Converts a content string for a locale (only zh-TW differs from the source). */
export function localizeText(text: string, locale: SiteLocale): string {
  return locale === 'zh-TW' ? convertToTraditional(text) : text;
}

const toHast = unified().use(remarkRehype).use(rehypeSanitize);

/**
 * Turns a Markdown body into sanitised HTML (hast) in the locale's script. Conversion
 * happens on text nodes only, so URLs and structure are never touched; sanitising is
 * the last step, after which nothing unsafe is added.
 */
export function renderBody(body: MdastRoot, locale: SiteLocale): HastRoot {
  const tree = structuredClone(body);
  if (locale === 'zh-TW') {
    visit(tree, 'text', (node) => {
      node.value = convertToTraditional(node.value);
    });
  }
  return toHast.runSync(tree) as HastRoot;
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
