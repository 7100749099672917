// The site's own origin as a stand-in: only whether a value stays on it matters.
const BASE = 'https://return-path.invalid';
const MAX_LENGTH = 512;

/**
 * A path on this site to go back to (after signing in, after a form): accepted only
 * when, resolved as a URL against the site, it stays on the site and is a plain
 * path. Control characters, whitespace, backslashes and encoded slashes or
 * backslashes are refused outright (browsers strip or rewrite them, which is how
 * `/\t/evil.example` became `//evil.example`); anything else becomes `/`. The
 * result is the URL's own serialisation, so what is written into a Location
 * header is exactly what the browser will resolve.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  // C0/C1 controls, every Unicode space and line break, bidi and zero-width
  // characters, backslash; and the same smuggled in percent-encoded.
  if (/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/u.test(value)) return '/';
  if (/%(?:2f|5c|0[0-9a-f]|1[0-9a-f]|7f|25)/i.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE || url.username || url.password) return '/';
  // A path the server cannot decode would only land on its 400 page.
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
