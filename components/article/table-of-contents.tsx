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

function Entries({ items }: { items: ContentsEntry[] }) {
  return (
    <ol>
      {items.map((e) => (
        <li key={e.id}>
          <a href={`#${e.id}`}>{e.text}</a>
          {e.children.length > 0 && <Entries items={e.children} />}
        </li>
      ))}
    </ol>
  );
}

/**
 * 目录: a `<details>` inside a labelled `<nav>`, closed in the HTML (the same bytes
 * for every reader, no JavaScript): a phone shows one line to open, and a wide
 * screen shows the list open by CSS (globals.css, `::details-content`).
 */
export function TableOfContents({ parts, label, lang }: { parts: ArticleViewPart[]; label: string; lang: string }) {
  const items = contentsOf(parts);
  if (items.length === 0) return null;
  return (
    <nav className="toc" aria-label={label}>
      <details className="toc-details">
        <summary>{label}</summary>
        <div lang={lang}>
          <Entries items={items} />
        </div>
      </details>
    </nav>
  );
}
