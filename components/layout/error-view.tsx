'use client';

import { createContext, useContext, useEffect, type ReactNode } from 'react';

/** The error page's words in the page's language, and where home is. */
export type ErrorLabels = { title: string; body: string; retry: string; home: string; homeHref: string };

const Labels = createContext<ErrorLabels | null>(null);

/**
 * Hands the error page its strings. The root layout (a server component) renders
 * this around every page with the locale's `Error` messages, so error.tsx, which
 * Next renders as a client component with no props of ours, can show them without
 * an i18n runtime in the browser.
 */
export function ErrorLabelsProvider({ labels, children }: { labels: ErrorLabels; children: ReactNode }) {
  return <Labels.Provider value={labels}>{children}</Labels.Provider>;
}

/**
 * What a page shows when rendering it failed (the database went away, a bug): a
 * translated title and message, 重试 (renders the segment again) and a way home.
 * The error's own text is not shown: in production Next keeps it on the server.
 */
export function ErrorView({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const labels = useContext(Labels);
  useEffect(() => {
    console.error(error);
  }, [error]);
  if (!labels) return null;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{labels.title}</h1>
      <p role="alert">{labels.body}</p>
      <p className="error-actions">
        <button type="button" className="button" onClick={reset}>
          {labels.retry}
        </button>{' '}
        <a href={labels.homeHref} className="button button-secondary">
          {labels.home}
        </a>
      </p>
    </section>
  );
}
