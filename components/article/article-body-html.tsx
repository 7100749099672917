'use client';

import { useEffect, useState } from 'react';
import { sharedBodyHtml } from './body-html-store';

/** Bodies this tab has shown, for a return by back/forward inside the app (the old DOM is gone then). */
const shown = new Map<string, string>();

/**
 * The body the server put into the document, read before hydration replaces anything;
 * null when the document has no such element (a client-side navigation brought the page).
 */
export function bodyInDocument(bodyKey: string): string | null {
  for (const el of document.querySelectorAll<HTMLElement>('[data-article-body]')) {
    if (el.dataset.articleBody === bodyKey) return el.innerHTML;
  }
  return null;
}

function initialHtml(bodyKey: string): string | null {
  if (typeof document === 'undefined') {
    const html = sharedBodyHtml(bodyKey);
    // Loudly: an empty body would be prerendered, cached and served to every reader.
    if (html === undefined) throw new Error(`article body ${bodyKey}: the server component did not share its HTML with this render`);
    return html;
  }
  const html = shown.get(bodyKey) ?? bodyInDocument(bodyKey);
  if (html) shown.set(bodyKey, html);
  return html;
}

/**
 * The article's sanitised body, reaching the browser only as HTML: on the server the
 * string comes from body-html-store, in the browser from the element the server sent,
 * so the flight payload carries neither copy (issue 11: the two copies were too far
 * apart for gzip to share). A client-side navigation that arrives without that element
 * (nothing was shown in this tab yet) reloads the page, which the server answers with
 * the full HTML; a full load never reloads, so a page that came without its body
 * cannot loop.
 */
export function ArticleBodyHtml({ bodyKey, lang }: { bodyKey: string; lang: string }) {
  const [html] = useState(() => initialHtml(bodyKey));
  useEffect(() => {
    if (html === null) window.location.reload();
  }, [html]);
  return <div className="prose" lang={lang} data-article-body={bodyKey} dangerouslySetInnerHTML={{ __html: html ?? '' }} suppressHydrationWarning />;
}
