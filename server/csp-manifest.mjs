// @ts-check
// The hashes of every inline script (and inline style) of every prerendered page,
// read from the build output, so the Content-Security-Policy of a static page can
// allow exactly what the build produced without a per-request nonce (which would
// make every page dynamic and different for each reader). `npm run build` writes
// it after `next build`; server.mjs reads it, or computes it at start-up when a
// build was made without that step.
//
//   node server/csp-manifest.mjs      writes <NEXT_DIST_DIR or .next>/csp-manifest.json
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MANIFEST_FILE = 'csp-manifest.json';

/**
 * @typedef {{ scripts: string[]; styles: string[]; styleAttributes: string[] }} PageHashes
 * CSP source expressions ('sha256-…') of a page's inline scripts, `<style>` elements
 * and `style` attributes.
 * @typedef {{ version: 1; pages: Record<string, PageHashes>; fallback: PageHashes }} CspManifest
 * `pages`: by URL path (decoded, no trailing slash). `fallback`: the pages the build
 * renders for URLs it cannot know (404s, the global error page).
 */

/** @param {string} text */
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// A script that runs: no src, and a JavaScript type (none, or a JavaScript MIME type,
// or module). Data blocks such as JSON-LD are never executed, so CSP ignores them.
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;
const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/gi;
const EXECUTABLE_TYPE = /^(?:|module|(?:text|application)\/(?:x-)?(?:java|ecma)script)$/i;

/** @param {string} s */
const decodeAttribute = (s) =>
  s.replace(/&(?:amp|quot|#x27|#39|lt|gt);/g, (e) => ({ '&amp;': '&', '&quot;': '"', '&#x27;': "'", '&#39;': "'", '&lt;': '<', '&gt;': '>' })[e] ?? e);

/**
 * The hashes of the inline scripts and styles of one HTML document. A script's
 * hash is over its text exactly as written (script contents are raw text in
 * HTML, never entity-decoded); a style attribute's over its decoded value.
 * @param {string} html
 * @returns {PageHashes}
 */
export function hashInline(html) {
  const scripts = new Set();
  for (const m of html.matchAll(SCRIPT)) {
    const attributes = m[1] ?? '';
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1] ?? '';
    if (!EXECUTABLE_TYPE.test(type)) continue;
    scripts.add(sha256(m[2] ?? ''));
  }
  const styles = new Set([...html.matchAll(STYLE)].map((m) => sha256(m[1] ?? '')));
  const styleAttributes = new Set([...html.matchAll(STYLE_ATTRIBUTE)].map((m) => sha256(decodeAttribute(m[1] ?? ''))));
  return { scripts: [...scripts], styles: [...styles], styleAttributes: [...styleAttributes] };
}

/** @param {string} dir @returns {string[]} */
function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(file);
    return entry.name.endsWith('.html') ? [file] : [];
  });
}

/**
 * The URL path a prerendered file answers: `index.html` is `/`, `en.html` is `/en`,
 * `tags/电商运营.html` is `/tags/电商运营`. Intercepted variants (`(.)rules`) are
 * only ever fetched as RSC payloads, and Next's own `_not-found`/`_global-error`
 * have no URL: they are null.
 * @param {string} relative path below server/app, with `/` separators
 */
export function urlPathOf(relative) {
  const withoutExt = relative.replace(/\.html$/, '');
  if (withoutExt.split('/').some((segment) => segment.startsWith('(') || segment.startsWith('_'))) return null;
  return withoutExt === 'index' ? '/' : `/${withoutExt}`;
}

/** @param {PageHashes[]} list @returns {PageHashes} */
function union(list) {
  const merge = (/** @type {'scripts' | 'styles' | 'styleAttributes'} */ key) => [...new Set(list.flatMap((h) => h[key]))];
  return { scripts: merge('scripts'), styles: merge('styles'), styleAttributes: merge('styleAttributes') };
}

/**
 * Reads every prerendered page of a build and returns its manifest.
 * @param {string} distDir the build folder (.next, .next-fixture)
 * @returns {CspManifest}
 */
export function buildCspManifest(distDir) {
  const appDir = path.join(distDir, 'server', 'app');
  if (!existsSync(appDir)) throw new Error(`no prerendered pages in ${appDir}: run next build first`);
  /** @type {Record<string, PageHashes>} */
  const pages = {};
  /** @type {PageHashes[]} */
  const fallback = [];
  for (const file of htmlFiles(appDir)) {
    const relative = path.relative(appDir, file).split(path.sep).join('/');
    const hashes = hashInline(readFileSync(file, 'utf8'));
    const url = urlPathOf(relative);
    if (url !== null) pages[url] = hashes;
    // What unknown URLs get: Next's 404 (global-not-found), each locale's
    // not-found-page sent by app/[locale]/[...rest], and Next's global error page.
    if (/(?:^|\/)(?:_not-found|_global-error|not-found-page)\.html$/.test(relative)) fallback.push(hashes);
  }
  return { version: 1, pages, fallback: union(fallback) };
}

/**
 * The build's manifest: the file the build step wrote, or (a build made without
 * that step) computed now from the same HTML, which takes a few milliseconds.
 * @param {string} distDir
 * @returns {{ manifest: CspManifest; computed: boolean }}
 */
export function loadCspManifest(distDir) {
  const file = path.join(distDir, MANIFEST_FILE);
  const buildId = path.join(distDir, 'BUILD_ID');
  // A manifest older than the build it sits in describes another build's pages.
  if (existsSync(file) && existsSync(buildId)) {
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    if (manifest.version === 1 && manifest.buildId === readFileSync(buildId, 'utf8').trim()) return { manifest, computed: false };
  }
  return { manifest: buildCspManifest(distDir), computed: true };
}

/** Writes the manifest of `distDir` beside its BUILD_ID. @param {string} distDir */
export function writeCspManifest(distDir) {
  const manifest = buildCspManifest(distDir);
  const buildId = readFileSync(path.join(distDir, 'BUILD_ID'), 'utf8').trim();
  const file = path.join(distDir, MANIFEST_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ ...manifest, buildId }, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
  return { file, pages: Object.keys(manifest.pages).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { file, pages } = writeCspManifest(process.env.NEXT_DIST_DIR || '.next');
  console.log(`csp: hashed the inline scripts of ${pages} prerendered pages into ${file}`);
}
