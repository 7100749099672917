'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Locale } from '@/lib/i18n/routing';
import './globals.css';

type Strings = { title: string; body: string; retry: string };

// The prefixed locales (lib/i18n/routing.ts); zh-CN has no prefix. Written out
// rather than imported, to keep next-intl out of the browser: a locale renamed
// there fails the type check here.
const PREFIXED = ['zh-TW', 'en'] as const satisfies readonly Locale[];

/** The address does not change while this is shown: nothing to subscribe to. */
const noChange = () => () => {};

function localeOfPath(pathname: string): Locale {
  return PREFIXED.find((l) => pathname === `/${l}` || pathname.startsWith(`/${l}/`)) ?? 'zh-CN';
}

/**
 * The last resort, when a root layout itself failed: it replaces the whole document,
 * so no server layout can hand it its strings. They come from the same messages
 * (the `Error` namespace), loaded only when this is shown, for the locale of the
 * address; the page stays bare until they arrive.
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = useSyncExternalStore(
    noChange,
    () => localeOfPath(window.location.pathname),
    () => 'zh-CN' as const,
  );
  const [strings, setStrings] = useState<Strings | null>(null);
  useEffect(() => {
    import(`../messages/${locale}.json`).then((m: { default: { Error: Strings } }) => setStrings(m.default.Error)).catch(() => setStrings(null));
  }, [locale]);
  return (
    <html lang={locale}>
      <body>
        <main id="main">
          <div className="container">
            {strings && (
              <section className="error-page" aria-labelledby="error-title">
                <h1 id="error-title">{strings.title}</h1>
                <p role="alert">{strings.body}</p>
                <p>
                  <button type="button" className="button" onClick={reset}>
                    {strings.retry}
                  </button>
                </p>
              </section>
            )}
          </div>
        </main>
      </body>
    </html>
  );
}
