import type { Heading, Root as MdastRoot } from 'mdast';
import { visit } from 'unist-util-visit';
import { unlocalizedPath } from '../i18n/routing';
import { convertToSimplified } from './chinese';
import type { ArticleSection, RulesPart } from './model';
import type { ParsedFile } from './parse';
import type { ContentProblem } from './problem';
import type { ArticleFrontMatter } from './schema';
import type { ArticleSourceModel } from './structure';

/** What the cross-file article rules need of each article. */
export type CheckedArticle = { parsed: ParsedFile<ArticleFrontMatter>; data: ArticleFrontMatter; model: ArticleSourceModel };

/** A summary longer than this no longer fits a search result's snippet or a share card. */
export const SUMMARY_MAX_CHARACTERS = 120;

/** Pages with no parameter a link may point at (paths without locale prefix). */
const STATIC_PAGES: ReadonlySet<string> = new Set(['/', '/rules', '/mall', '/me', '/sign-in', '/sign-up', '/feed.xml']);

const sectionIds = (s: ArticleSection<unknown>): string[] => [s.heading.id, ...s.subsections.flatMap(sectionIds)];

/** Every heading id of an article, free and paid part alike (what `#fragment` links may name). */
export function articleIds(model: ArticleSourceModel): Set<string> {
  return new Set(model.parts.flatMap((p) => (p.kind === 'section' ? sectionIds(p) : p.kind === 'paid' ? p.sections.flatMap(sectionIds) : [])));
}

/** Every id of the rules: section headings and categories (`/rules#spam`). */
export function rulesIds(parts: ReadonlyArray<RulesPart<unknown>>): Set<string> {
  return new Set(parts.flatMap((p) => [...('heading' in p ? [p.heading.id] : []), ...(p.kind === 'categories' ? p.categories.map((c) => c.id) : [])]));
}

/** The form two keywords share when they differ only by full-/half-width or Simplified/Traditional characters. */
export function keywordKey(keyword: string): string {
  return convertToSimplified(keyword.normalize('NFKC')).trim();
}

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * The rules that look at an article against the rest of the content: heading levels
 * that skip, internal links to pages or heading ids that do not exist, a summary too
 * long for a snippet, keywords that are variants of each other, updatedAt before
 * publishedAt, a quiz pointing at a section the article does not have. Each problem points at the line and column to fix.
 */
export function checkArticles(articles: CheckedArticle[], authorIds: ReadonlySet<string>, rules: ReadonlyArray<RulesPart<unknown>> | undefined): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const bySlug = new Map(articles.map((a) => [a.data.slug, a]));
  const ids = new Map(articles.map((a) => [a.data.slug, articleIds(a.model)]));
  const tags = new Set(articles.filter((a) => !a.data.draft).flatMap((a) => a.data.keywords));
  const ruleIds = rules ? rulesIds(rules) : undefined;
  const keywordForms = new Map<string, { keyword: string; file: string }>();

  for (const { parsed, data, model } of articles) {
    const report = (at: { line: number; column: number }, rule: ContentProblem['rule'], message: string) => problems.push({ file: parsed.file, ...at, rule, message });
    const nodeAt = (n: { position?: { start: { line: number; column: number } } | undefined }) => ({ line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 });

    // The page's title is the h1, so the body's headings start at ## and go down one level at a time.
    let previous = 1;
    for (const node of parsed.tree.children) {
      if (node.type !== 'heading') continue;
      const h = node as Heading;
      if (h.depth > previous + 1) {
        report(nodeAt(h), 'heading-level', `heading level ${h.depth} follows level ${previous}: use ${'#'.repeat(previous + 1)} (a level may not be skipped)`);
      }
      previous = h.depth;
    }

    const own = articleIds(model);
    const checkLink = (url: string): string | undefined => {
      if (url.startsWith('#')) {
        const id = decode(url.slice(1));
        return own.has(id) ? undefined : `link to "#${id}": this article has no heading with that id`;
      }
      if (!url.startsWith('/') || url.startsWith('//')) return undefined;
      const parsedUrl = new URL(url, 'http://site.invalid');
      const pathname = decode(unlocalizedPath(parsedUrl.pathname.replace(/(.)\/$/, '$1')));
      const fragment = parsedUrl.hash ? decode(parsedUrl.hash.slice(1)) : undefined;
      const [, section, param, ...rest] = pathname.split('/');
      if (rest.length === 0 && section === 'articles' && param) {
        const target = bySlug.get(param);
        if (!target) return `link to "${url}": there is no article with slug "${param}"`;
        if (target.data.draft && !data.draft) return `link to "${url}": that article is a draft and will not be published with this one`;
        if (fragment !== undefined && !ids.get(param)?.has(fragment)) return `link to "${url}": that article has no heading with id "${fragment}"`;
        return undefined;
      }
      if (rest.length === 0 && section === 'tags' && param) return tags.has(param) ? undefined : `link to "${url}": no published article has the keyword "${param}"`;
      if (rest.length === 0 && section === 'authors' && param) return authorIds.has(param) ? undefined : `link to "${url}": there is no author "${param}"`;
      if (!STATIC_PAGES.has(pathname)) return `link to "${url}": there is no such page on this site`;
      if (pathname === '/rules' && fragment !== undefined && ruleIds && !ruleIds.has(fragment)) return `link to "${url}": the rules have no heading or category with id "${fragment}"`;
      return undefined;
    };
    visit(parsed.tree as MdastRoot, (node) => {
      if (node.type !== 'link' && node.type !== 'definition') return;
      const message = checkLink(node.url);
      if (message) report(nodeAt(node), 'internal-link', message);
    });

    const summaryLength = Array.from(data.summary.trim()).length;
    if (summaryLength > SUMMARY_MAX_CHARACTERS) {
      report(parsed.positionOf(['summary']), 'summary', `summary has ${summaryLength} characters: keep it to ${SUMMARY_MAX_CHARACTERS} (search results cut it there)`);
    }

    data.keywords.forEach((keyword, i) => {
      const key = keywordKey(keyword);
      const seen = keywordForms.get(key);
      if (seen && seen.keyword !== keyword) {
        report(
          parsed.positionOf(['keywords', i]),
          'keyword-variant',
          `keyword "${keyword}" is another form of "${seen.keyword}" (${seen.file}): write it the same way, or the two get separate tag pages`,
        );
      } else if (!seen) keywordForms.set(key, { keyword, file: parsed.file });
    });

    const answerSection = data.quiz?.answerSection;
    if (answerSection !== undefined && !own.has(answerSection)) {
      report(parsed.positionOf(['quiz', 'answerSection']), 'quiz-section', `quiz answerSection "${answerSection}": this article has no heading with that id`);
    }

    if (data.updatedAt !== undefined && Date.parse(data.updatedAt) < Date.parse(data.publishedAt)) {
      report(parsed.positionOf(['updatedAt']), 'updated-at', `updatedAt ${data.updatedAt} is before publishedAt ${data.publishedAt}`);
    }
  }
  return problems;
}
