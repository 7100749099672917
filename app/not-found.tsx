import { NotFoundView } from '@/components/layout/not-found-view';
import { routing } from '@/lib/i18n/routing';
import './globals.css';

/**
 * The not-found of the segment above the two root layouts ((default) and [locale]).
 * Next puts this tree into the flight payload of every page (without this file, its
 * own English 404 with inline styles: ≈600 bytes gzip on the article), so it is kept
 * small: no header, no client components, a plain link. It shows only if a root layout
 * itself calls notFound(), for a URL server.mjs answers first; every other 404 is
 * app/global-not-found.tsx or a layout's own not-found.tsx.
 */
export default function RootNotFound() {
  const locale = routing.defaultLocale;
  return (
    <html lang={locale}>
      <body>
        <main id="main">
          <div className="container">
            <NotFoundView locale={locale} />
          </div>
        </main>
      </body>
    </html>
  );
}
