// @ts-check
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LOCALES } from './bad-request.mjs';

/**
 * The 404 for a path that reaches a page of app/[locale] with a first segment that is
 * no locale (`/evil.com/mall`, `/xyz/me`, `/moderation/feedback`). Prerendered pages
 * refuse it (dynamicParams = false), but a page rendered per request (/me, /mall,
 * /feedback…) would render with the segment as its `lang` and form locale. The
 * layout's notFound() then gives a 404 with an empty body (vercel/next.js#62228), so
 * this answers first, with the prerendered zh-CN 404 page, as for any unknown path.
 * Which paths those are comes from the build's routes-manifest.json: a path one of
 * app/[locale]'s pages matches and no route outside app/[locale] does (those win in
 * Next's matching: /me/settings is the zh-CN page, not [locale]=me).
 * Files under public/ are no routes: their first segments are left to Next.
 * @param {string} distDir
 * @param {string} [publicDir]
 * @returns {(url: string | undefined) => { status: 404; html: Buffer } | null}
 */
export function createUnknownLocaleCheck(distDir, publicDir = 'public') {
  const routes = readRoutes(distDir);
  const publicNames = existsSync(publicDir) ? readdirSync(publicDir) : [];
  const notFoundPage = path.join(distDir, 'server', 'app', 'not-found-page.html');
  if (!routes || !existsSync(notFoundPage)) return () => null; // a build without them: Next answers
  const html = readFileSync(notFoundPage);
  return (url) => {
    const pathname = (url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    const first = pathname.split('/')[1] ?? '';
    if (/** @type {readonly string[]} */ (LOCALES).includes(first) || publicNames.includes(first)) return null;
    if (!routes.localePages.some((r) => r.test(pathname))) return null;
    return routes.others.some((r) => r.test(pathname)) ? null : { status: 404, html };
  };
}

/**
 * The page patterns of app/[locale] (but its catch-all, whose 404 is already right)
 * and every route outside it.
 * @param {string} distDir
 * @returns {{ localePages: RegExp[]; others: RegExp[] } | null}
 */
export function readRoutes(distDir) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(distDir, 'routes-manifest.json'), 'utf8'));
  } catch {
    return null;
  }
  /** @type {Array<{ page: string; regex: string }>} */
  const all = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])];
  // /[locale] itself too: a GET /x is already Next's 404, but a POST /x runs as a server action.
  const localePages = all
    .filter((r) => (r.page === '/[locale]' || r.page.startsWith('/[locale]/')) && !r.page.includes('[...'))
    .map((r) => new RegExp(r.regex));
  const others = all.filter((r) => !r.page.startsWith('/[locale]')).map((r) => new RegExp(r.regex));
  return { localePages, others };
}
