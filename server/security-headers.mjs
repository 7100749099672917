// @ts-check
// The security headers every response gets from the app itself, so a site served
// by `npm start` alone (no proxy in front) is protected as well.
import { randomBytes } from 'node:crypto';

/** @typedef {import('./csp-manifest.mjs').CspManifest} CspManifest */
/** @typedef {import('./csp-manifest.mjs').PageHashes} PageHashes */

// Browser features the site uses: the Web Share API (分享) and writing to the
// clipboard (复制链接), both from its own pages only; everything else is off.
const PERMISSIONS_POLICY =
  'accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), web-share=(self), clipboard-write=(self)';

// A year, for browsers that reached the site over https (only ever sent then).
const HSTS = 'max-age=31536000';

// Nonces are cut from a pool of random bytes: a synchronous randomBytes(16) per
// request asks the system's generator each time (measured: about 15 times the
// cost of the rest of the headers together); randomUUID pools the same way.
const POOL_SIZE = 16 * 256;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/** 128 random bits, base64 (Next accepts a nonce of base64 characters). */
export function newNonce() {
  if (offset + 16 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const nonce = pool.toString('base64', offset, offset + 16);
  offset += 16;
  return nonce;
}

/**
 * The Content-Security-Policy of a page whose inline scripts and styles are
 * `hashes` (and, for a page rendered per request, whose scripts carry `nonce`).
 * No 'unsafe-inline' anywhere: an inline script the build did not produce never runs.
 * Styles are the site's stylesheets ('self'); the pages themselves have no inline
 * style, except Next's built-in global error page, whose few style attributes are
 * allowed by hash ('unsafe-hashes' covers attributes, never scripts).
 * @param {PageHashes} hashes
 * @param {string} [nonce]
 */
export function contentSecurityPolicy(hashes, nonce) {
  const scriptSources = ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...hashes.scripts];
  const styleSources = ["'self'", ...hashes.styles, ...(hashes.styleAttributes.length > 0 ? ["'unsafe-hashes'", ...hashes.styleAttributes] : [])];
  return [
    "default-src 'self'",
    `script-src ${scriptSources.join(' ')}`,
    `style-src ${styleSources.join(' ')}`,
    // The QR code and the icon are SVG files of the site's own.
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Reads SECURITY_HEADERS: on (the default) or off (only for measuring what the
 * headers cost, `npm run bench`); anything else stops the server.
 * @param {string | undefined} setting
 */
export function securityHeadersEnabled(setting) {
  const value = (setting ?? 'on').trim().toLowerCase();
  if (value === 'on' || value === '') return true;
  if (value === 'off') return false;
  throw new Error(`SECURITY_HEADERS: expected on or off, got ${JSON.stringify(setting)}`);
}

/**
 * Prepares the headers once, so each request costs one Map lookup and a few
 * setHeader calls: a prerendered page gets the policy with its own script hashes
 * (the bytes are the same for every reader, so is the header); any other path is
 * rendered per request, and gets a fresh nonce that Next reads from the request's
 * Content-Security-Policy header and puts on every script it renders.
 * @param {CspManifest} manifest
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, https: boolean) => void}
 */
export function createSecurityHeaders(manifest) {
  /** @type {Map<string, string>} */
  const staticPolicies = new Map(Object.entries(manifest.pages).map(([url, hashes]) => [url, contentSecurityPolicy(hashes)]));
  // The per-request policy around its nonce, joined once here.
  const [beforeNonce = '', afterNonce = ''] = contentSecurityPolicy(manifest.fallback, '\u0000').split('\u0000');
  return (req, res, https) => {
    // The same cut as isMalformedPath, which has refused what cannot be decoded; a
    // fragment (`/rules#%ZZ`, legal on the request line) is never decoded.
    let pathname = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    if (pathname.includes('%')) pathname = decodeURIComponent(pathname);
    let policy = staticPolicies.get(pathname);
    if (policy === undefined) {
      policy = beforeNonce + newNonce() + afterNonce;
      req.headers['content-security-policy'] = policy;
    } else {
      // A client's own header must never choose a nonce (nor make Next look for one).
      delete req.headers['content-security-policy'];
    }
    delete req.headers['content-security-policy-report-only'];
    res.setHeader('content-security-policy', policy);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
    res.setHeader('permissions-policy', PERMISSIONS_POLICY);
    res.setHeader('x-frame-options', 'DENY');
    if (https) res.setHeader('strict-transport-security', HSTS);
  };
}
