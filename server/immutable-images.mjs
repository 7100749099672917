// @ts-check
// Article images are named by a hash of their bytes (lib/content/images.ts): a new
// version is a new URL, so a found one may be kept by browsers and caches for a
// year. Set here rather than in next.config.ts, whose headers also go out with a
// 404, and a missing image cached for a year would stay missing after the fix.

const PREFIX = '/content-images/';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Marks the response to a content image immutable when it is found (200 or 304).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function immutableWhenFound(req, res) {
  if (!req.url?.startsWith(PREFIX)) return;
  const writeHead = res.writeHead;
  /** @type {typeof res.writeHead} */
  const patched = function (/** @type {any[]} */ ...args) {
    const status = typeof args[0] === 'number' ? args[0] : res.statusCode;
    if (status === 200 || status === 304) res.setHeader('cache-control', IMMUTABLE);
    return /** @type {any} */ (writeHead).apply(res, args);
  };
  res.writeHead = patched;
}
