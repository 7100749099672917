import 'server-only';
import { hasLocale } from 'next-intl';
import { routing, type Locale } from '@/lib/i18n/routing';

/** The origin the browser used for this request (behind a proxy: its forwarded host and scheme). */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? url.host;
  const proto = request.headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '');
  return `${proto}://${host}`;
}

/** True when a state-changing request comes from a page of this site (the Origin header matches). */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  return origin !== null && origin === requestOrigin(request);
}

/** Whether cookies must be Secure: the reader reached the site over https. */
export function isHttps(request: Request): boolean {
  return requestOrigin(request).startsWith('https://');
}

/** The reader's address for rate limits: the first X-Forwarded-For hop, set by Next or a proxy. */
export function clientAddress(request: Request): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
}

/** A locale named by a form, or the default. */
export function formLocale(value: FormDataEntryValue | null): Locale {
  return typeof value === 'string' && hasLocale(routing.locales, value) ? value : routing.defaultLocale;
}

/** A same-site path to return to after signing in; anything else becomes the home page. */
export function safeReturnPath(value: FormDataEntryValue | string | null): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value.length > 512 ? '/' : value;
}

/** Whether the client asked for JSON (fetch from a page) rather than a page (a plain form post). */
export function wantsJson(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('application/json');
}

/** Reads a cookie from the request. */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
