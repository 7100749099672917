import { toHtml } from 'hast-util-to-html';
import { flattenSection, type Block } from '@/lib/content/localize';
import type { ArticleViewPart } from '@/lib/content/site';
import { ServerHtml } from '@/components/server-html/server-html';
import { shareServerHtml } from '@/components/server-html/server-html-store';

/** The free blocks of an article's view in reading order: lead, then each section with its heading. */
function bodyBlocks(parts: ArticleViewPart[]): Block[] {
  return parts.flatMap((part) => {
    switch (part.kind) {
      case 'lead':
        return part.blocks;
      case 'section':
        return flattenSection(part);
      case 'locked':
        return [];
    }
  });
}

/** The free text of an article as one HTML string (blocks come sanitised from lib/content). */
export function articleBodyHtml(parts: ArticleViewPart[]): string {
  return toHtml({ type: 'root', children: bodyBlocks(parts) });
}

/**
 * The free text of an article: lead and sections, flat inside the page's `.prose`
 * (the HTML outline is the headings'; each heading's id is the #fragment of links to
 * it). A `locked` part renders nothing here: the page puts the paid part's slot after
 * the prose. The HTML is handed to the SSR render aside, not as a prop, so it is in the
 * page once (see ServerHtml). `htmlKey` names this article in this locale.
 */
export function ArticleBody({ parts, htmlKey, lang }: { parts: ArticleViewPart[]; htmlKey: string; lang: string }) {
  shareServerHtml(htmlKey, articleBodyHtml(parts));
  return <ServerHtml htmlKey={htmlKey} className="prose" lang={lang} />;
}
