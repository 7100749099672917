// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const LOCALES = /** @type {const} */ (['zh-CN', 'zh-TW', 'en']);

/**
 * Whether a request target is not a path this site can answer: one that cannot be
 * percent-decoded (`/articles/%E0%A4%A`; Next 16 answers it with 500 in every
 * dynamic segment), or one that is not a path at all (`*`, or an absolute URL
 * `http://evil.example/x`, which Next would redirect to that host).
 * @param {string | undefined} url
 */
export function isMalformedPath(url) {
  if (!url?.startsWith('/')) return true;
  const pathname = url.split(/[?#]/, 1)[0] ?? '/';
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * The locale a path belongs to, by its prefix (zh-CN has none).
 * @param {string} url
 */
export function localeOfPath(url) {
  const first = url.split(/[/?#]/)[1];
  return LOCALES.find((l) => l !== 'zh-CN' && l === first) ?? 'zh-CN';
}

/** @type {Map<string, { title: string; body: string; home: string }>} */
const messages = new Map();
/** @param {string} locale */
function badRequestMessages(locale) {
  let m = messages.get(locale);
  if (!m) {
    const file = path.join(process.cwd(), 'messages', `${locale}.json`);
    m = JSON.parse(readFileSync(file, 'utf8')).BadRequest;
    messages.set(locale, /** @type {{ title: string; body: string; home: string }} */ (m));
  }
  return /** @type {{ title: string; body: string; home: string }} */ (m);
}

/** @param {string} s */
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Answers a request whose URL cannot be decoded: 400 with the message in the
 * locale of its path, as JSON under /api and as a small page elsewhere.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function sendBadRequest(req, res) {
  const url = req.url ?? '/';
  const locale = localeOfPath(url);
  const t = badRequestMessages(locale);
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (url.startsWith('/api/')) {
    res.writeHead(400, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ ok: false, code: 'bad_url', message: t.body }));
    return;
  }
  const home = locale === 'zh-CN' ? '/' : `/${locale}`;
  res.writeHead(400, { ...headers, 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(t.title)}</title></head>` +
      `<body><main><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.body)}</p><p><a href="${home}">${escapeHtml(t.home)}</a></p></main></body></html>`,
  );
}
