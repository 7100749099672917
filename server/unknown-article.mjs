// @ts-check
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { localeOfPath } from './bad-request.mjs';

const COMMENTS_PAGE = /^(?:\/(zh-TW|en))?\/articles\/([^/]+)\/comments\/?$/;

/**
 * The 404 of an article's comments page for a slug that is not an article. The page
 * is rendered per request, so `dynamicParams = false` does not keep unknown slugs
 * out, and a page's own `notFound()` is rendered only in the browser in Next 16
 * (vercel/next.js#62228): without JavaScript the reader would get an empty 404. An
 * article exists exactly when the build prerendered its page, so that file decides,
 * and the answer is the locale's prerendered 404 page, as for any unknown path.
 * @param {string | undefined} url
 * @param {string} distDir
 * @returns {{ status: 404; html: Buffer } | null}
 */
export function unknownArticleComments(url, distDir) {
  const pathname = (url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  const match = COMMENTS_PAGE.exec(pathname);
  if (!match) return null;
  const locale = localeOfPath(pathname);
  const prefix = locale === 'zh-CN' ? '' : locale;
  const slug = decodeURIComponent(match[2] ?? '');
  const app = path.join(distDir, 'server', 'app');
  if (!slug.includes('/') && !slug.includes('\\') && slug !== '..' && existsSync(path.join(app, prefix, 'articles', `${slug}.html`))) return null;
  try {
    return { status: 404, html: readFileSync(path.join(app, prefix, 'not-found-page.html')) };
  } catch {
    return null; // a build without the page: Next answers (404 from notFound())
  }
}
