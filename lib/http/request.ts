import 'server-only';
import { hasLocale } from 'next-intl';
import { routing, type Locale } from '@/lib/i18n/routing';

/** A locale named by a form, or the default. */
export function formLocale(value: FormDataEntryValue | null): Locale {
  return typeof value === 'string' && hasLocale(routing.locales, value) ? value : routing.defaultLocale;
}

/** Whether the client asked for JSON (fetch from a page) rather than a page (a plain form post). */
export function wantsJson(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('application/json');
}
