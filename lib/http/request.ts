import 'server-only';
import { hasLocale } from 'next-intl';
import { routing, type Locale } from '@/lib/i18n/routing';

/** A locale named by a form, or the default. */
export function formLocale(value: FormDataEntryValue | null): Locale {
  return typeof value === 'string' && hasLocale(routing.locales, value) ? value : routing.defaultLocale;
}

/**
 * The locale of the page a request was sent from (its Referer's path prefix), for
 * refusals answered before the form, which names the locale, has been read.
 */
export function refererLocale(request: Request): Locale {
  try {
    const first = new URL(request.headers.get('referer') ?? '').pathname.split('/')[1] ?? '';
    return hasLocale(routing.locales, first) ? first : routing.defaultLocale;
  } catch {
    return routing.defaultLocale;
  }
}

/** Whether the client asked for JSON (fetch from a page) rather than a page (a plain form post). */
export function wantsJson(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('application/json');
}

/**
 * Whether a GET is a browser opening the URL as a page (a link or a plain form)
 * rather than a script's fetch: such a reader should land on a page, not raw JSON.
 */
export function isNavigation(request: Request): boolean {
  const mode = request.headers.get('sec-fetch-mode');
  if (mode) return mode === 'navigate';
  // Browsers too old to send Sec-Fetch-Mode still ask for HTML when navigating.
  return !wantsJson(request) && (request.headers.get('accept') ?? '').includes('text/html');
}
