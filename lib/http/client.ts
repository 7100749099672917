import 'server-only';
import { addressKey } from './address';

// Set by server.mjs, which rewrites every request's X-Forwarded-* headers from the
// socket and TRUST_PROXY before Next sees it (see README "Security").
const RESOLVED = Symbol.for('niaoge.forwarded-headers');
const resolvedByServer = () => (globalThis as Record<symbol, unknown>)[RESOLVED] === true;

let warned = false;

/**
 * The client's address, the one input of every rate limit and reward cap. Behind
 * server.mjs it is the socket's address, or with TRUST_PROXY the right-most
 * X-Forwarded-For hop that is not a trusted proxy. In development (`next dev`)
 * it is what Next saw. A production process started some other way (`next start`)
 * cannot tell clients apart without trusting what they write, so it counts every
 * client as one, which is safe (limits only get stricter) and says so once.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (resolvedByServer() || process.env.NODE_ENV !== 'production') return forwarded || 'unknown';
  if (!warned) {
    warned = true;
    console.warn('client addresses are unknown: start the site with `npm run serve` (server.mjs), not `next start`; every client shares one rate limit');
  }
  return 'unknown';
}

/** The key the request's client is counted under (IPv6 by its /64). */
export function clientKey(request: Request): string {
  return addressKey(clientAddress(request));
}

/** The origin the browser used for this request: behind a trusted proxy, its forwarded scheme and host. */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const trusted = resolvedByServer();
  const host = (trusted ? request.headers.get('x-forwarded-host') : null) ?? request.headers.get('host') ?? url.host;
  const proto = (trusted ? request.headers.get('x-forwarded-proto') : null) ?? url.protocol.replace(':', '');
  return `${proto}://${host}`;
}

/**
 * True when a state-changing request comes from a page of this site: the Origin
 * header matches, and where the browser says where the request came from
 * (Sec-Fetch-Site), it says the same origin.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  // Compared as URL origins, so `Example.com:443` behind a proxy is `https://example.com`.
  try {
    return new URL(origin).origin === new URL(requestOrigin(request)).origin;
  } catch {
    return false;
  }
}

/** Whether cookies must be Secure: the reader reached the site over https. */
export function isHttps(request: Request): boolean {
  return requestOrigin(request).startsWith('https://');
}
