import { NextResponse, type NextRequest } from 'next/server';
import { LOCALE_HEADER } from './lib/i18n/locale-header';

/**
 * Tells the global 404 page which locale a prefixed path is in. It runs only on
 * /zh-TW and /en paths: unprefixed paths (the zh-CN article's hot path) are zh-CN
 * and never pay for a proxy.
 */
export function proxy(request: NextRequest) {
  const locale = request.nextUrl.pathname.split('/')[1] ?? '';
  const headers = new Headers(request.headers);
  headers.set(LOCALE_HEADER, locale);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/zh-TW', '/zh-TW/:path*', '/en', '/en/:path*'] };
