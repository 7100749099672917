// @ts-check
// The answers nginx gives itself (413 too large, 429 too many requests, 502/504 no
// app instance), written from messages/*.json so they say what the app would, in
// the reader's language: JSON with the same `code` and `message` the app's own
// refusals carry, or a small page. nginx picks the locale from the address (or,
// for /api/*, from the page that sent the request: its Referer).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ERROR_LOCALES = /** @type {const} */ (['zh-CN', 'zh-TW', 'en']);
/** nginx status → the app's error code for it (a key of ActionErrors and ProxyErrors). */
export const PROXY_ERRORS = /** @type {const} */ ({ 413: 'too_large', 429: 'too_many_requests', 502: 'unavailable' });

/** @param {string} text */
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Writes `<dir>/<locale>/<status>.json` and `.html` for every locale and status.
 * @param {string} dir
 * @param {string} [messagesDir]
 */
export function writeErrorPages(dir, messagesDir = path.join(ROOT, 'messages')) {
  for (const locale of ERROR_LOCALES) {
    const messages = JSON.parse(readFileSync(path.join(messagesDir, `${locale}.json`), 'utf8'));
    const folder = path.join(dir, locale);
    mkdirSync(folder, { recursive: true });
    const home = locale === 'zh-CN' ? '/' : `/${locale}`;
    for (const [status, code] of Object.entries(PROXY_ERRORS)) {
      const message = messages.ActionErrors?.[code];
      const title = messages.ProxyErrors?.[code];
      if (typeof message !== 'string' || typeof title !== 'string') throw new Error(`messages/${locale}.json: no ActionErrors.${code} or ProxyErrors.${code}`);
      writeFileSync(path.join(folder, `${status}.json`), JSON.stringify({ ok: false, code, message }));
      writeFileSync(
        path.join(folder, `${status}.html`),
        `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 38em; margin: 3em auto; padding: 0 1em; line-height: 1.8">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="${home}">${escapeHtml(messages.NotFound.home)}</a></p>
</body>
</html>
`,
      );
    }
  }
}
