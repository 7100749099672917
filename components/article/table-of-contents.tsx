import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { ServerHtml } from '@/components/server-html/server-html';
import { shareServerHtml } from '@/components/server-html/server-html-store';
import type { Block } from '@/lib/content/localize';
import type { ArticleSection } from '@/lib/content/model';
import type { ArticleViewPart } from '@/lib/content/site';

/** One entry of the contents list: a `##` or `###` heading and the `###` under it. */
export type ContentsEntry = { id: string; text: string; children: ContentsEntry[] };

/** The levels the contents list shows: `##` and `###`. */
const LEVELS = new Set([2, 3]);

function entries(sections: Array<ArticleSection<Block>>): ContentsEntry[] {
  return sections.flatMap((s) => {
    const children = entries(s.subsections);
    // A heading of another level is skipped, its listed descendants kept in its place.
    return LEVELS.has(s.heading.level) ? [{ id: s.heading.id, text: s.heading.text, children }] : children;
  });
}

/**
 * The contents list of an article's view, built from its typed sections. The view
 * has no paid part (only a `locked` marker), so a paid article's locked headings
 * can never be listed.
 */
export function contentsOf(parts: ArticleViewPart[]): ContentsEntry[] {
  return entries(parts.filter((p): p is ArticleSection<Block> => p.kind === 'section'));
}

const el = (tagName: string, properties: Element['properties'], children: Element['children']): Element => ({ type: 'element', tagName, properties, children });

function entriesTree(items: ContentsEntry[]): Element {
  return el(
    'ol',
    {},
    items.map((e) =>
      el('li', {}, [el('a', { href: `#${e.id}` }, [{ type: 'text', value: e.text }]), ...(e.children.length > 0 ? [entriesTree(e.children)] : [])]),
    ),
  );
}

/** What the contents list's `<nav>` holds, as HTML (the heading texts escaped): its `<details>`, closed. */
export function contentsHtml(items: ContentsEntry[], label: string, lang: string): string {
  const details = el('details', { className: ['toc-details'] }, [
    el('summary', {}, [{ type: 'text', value: label }]),
    el('div', { lang }, [entriesTree(items)]),
  ]);
  return toHtml({ type: 'root', children: [details] });
}

/**
 * 目录: a `<details>` inside a labelled `<nav>`, closed in the HTML (the same bytes
 * for every reader, no JavaScript): a phone shows one line to open, and a wide
 * screen shows the list open by CSS (globals.css, `::details-content`). It reaches
 * the browser only as HTML (see ServerHtml); `htmlKey` names this article's list in
 * this locale.
 */
export function TableOfContents({ parts, label, lang, htmlKey }: { parts: ArticleViewPart[]; label: string; lang: string; htmlKey: string }) {
  const items = contentsOf(parts);
  if (items.length === 0) return null;
  shareServerHtml(htmlKey, contentsHtml(items, label, lang));
  return <ServerHtml as="nav" htmlKey={htmlKey} className="toc" aria-label={label} />;
}
