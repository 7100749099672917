import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { routing, type Locale } from './i18n/routing';

/**
 * The locale's prerendered 404 page with status 404. Next 16 server-renders the 404
 * page only for URLs that match no route at all, and then without knowing their
 * locale (vercel/next.js#62228); a middleware to tell it would slow every request
 * by a fifth (measured). So unknown prefixed paths are caught by a route that sends
 * the /<locale>/not-found-page the build already rendered, with the real layout.
 */
export async function notFoundResponse(locale: Locale = routing.defaultLocale): Promise<Response> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  const page = locale === routing.defaultLocale ? 'not-found-page.html' : `${locale}/not-found-page.html`;
  const html = await readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), distDir, 'server', 'app', page));
  return new Response(html, { status: 404, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
