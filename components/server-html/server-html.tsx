'use client';

import { useEffect, useState, type HTMLAttributes } from 'react';
import { sharedServerHtml } from './server-html-store';

/** Pieces this tab has shown, for a return by back/forward inside the app (the old DOM is gone then). */
const shown = new Map<string, string>();

/**
 * The HTML the server put into the document under `key`, read before hydration
 * replaces anything; null when the document has no such element (a client-side
 * navigation brought the page).
 */
export function serverHtmlInDocument(key: string): string | null {
  for (const el of document.querySelectorAll<HTMLElement>('[data-server-html]')) {
    if (el.dataset.serverHtml === key) return el.innerHTML;
  }
  return null;
}

function initialHtml(key: string): string | null {
  if (typeof document === 'undefined') {
    const html = sharedServerHtml(key);
    // Loudly: an empty piece (an article's body!) would be prerendered, cached and served to every reader.
    if (html === undefined) throw new Error(`server HTML ${key}: the server component did not share its HTML with this render`);
    return html;
  }
  const html = shown.get(key) ?? serverHtmlInDocument(key);
  if (html !== null) shown.set(key, html);
  return html;
}

/** The elements a piece of server HTML is wrapped in. */
type Tag = 'div' | 'nav' | 'script';

type Attributes = Omit<HTMLAttributes<HTMLElement>, 'children' | 'dangerouslySetInnerHTML'> & { type?: string };

/**
 * A piece of a page that reaches the browser only as HTML (the article's body, its
 * contents list, its JSON-LD): on the server the string comes from server-html-store,
 * where the server component that made it put it; in the browser from the element the
 * server sent (found by `data-server-html`), so the flight payload carries neither
 * copy (issue 11: the two copies were too far apart for gzip to share). A client-side
 * navigation that arrives without that element (nothing was shown in this tab yet)
 * reloads the page, which the server answers with the full HTML; a full load never
 * reloads, so a page that came without its HTML cannot loop. Links inside are plain
 * `<a>` elements, not Next links.
 */
export function ServerHtml({ htmlKey, as: Tag = 'div', ...attributes }: { htmlKey: string; as?: Tag } & Attributes) {
  const [html] = useState(() => initialHtml(htmlKey));
  useEffect(() => {
    if (html === null) window.location.reload();
  }, [html]);
  return <Tag {...attributes} data-server-html={htmlKey} dangerouslySetInnerHTML={{ __html: html ?? '' }} suppressHydrationWarning />;
}
