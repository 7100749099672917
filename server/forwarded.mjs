// @ts-check
import proxyaddr from 'proxy-addr';

/**
 * @typedef {(address: string, hop: number) => boolean} Trust
 * Whether the hop at `address` (0 = the socket's peer) is a proxy we trust.
 */

/**
 * Reads TRUST_PROXY: empty trusts nobody (the socket's address is the client);
 * otherwise a comma-separated list of addresses, CIDRs and proxy-addr's names
 * (`loopback`, `linklocal`, `uniquelocal`). A bad entry throws, so a typo stops the
 * server at start-up instead of silently trusting nothing or everything.
 * @param {string | undefined} setting
 * @returns {Trust}
 */
export function compileTrust(setting) {
  const list = (setting ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) return () => false;
  try {
    return proxyaddr.compile(list);
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${/** @type {Error} */ (error).message} (expected addresses, CIDRs, loopback, linklocal or uniquelocal)`);
  }
}

/** @param {string | string[] | undefined} value */
const firstValue = (value) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined;

// What a forwarded scheme and host may look like; anything else is ignored.
const PROTO = /^https?$/;
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The client as this request's proxies vouch for it: the right-most
 * X-Forwarded-For hop that is not a trusted proxy (proxy-addr's rule), and the
 * scheme and host the browser used, believed from X-Forwarded-Proto/-Host only
 * when the socket's peer is a trusted proxy.
 * @param {import('node:http').IncomingMessage} req
 * @param {Trust} trust
 * @returns {{ address: string; proto: 'http' | 'https'; host: string | undefined; fromProxy: boolean }}
 */
export function resolveClient(req, trust) {
  const peer = req.socket.remoteAddress ?? '';
  const address = proxyaddr(req, trust) || peer;
  const fromProxy = peer !== '' && trust(peer, 0);
  const proto = fromProxy ? firstValue(req.headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  const host = fromProxy ? firstValue(req.headers['x-forwarded-host']) : undefined;
  const encrypted = Boolean(/** @type {{ encrypted?: boolean }} */ (req.socket).encrypted);
  return {
    address,
    proto: proto && PROTO.test(proto) ? /** @type {'http' | 'https'} */ (proto) : encrypted ? 'https' : 'http',
    host: host && HOST.test(host) ? host : req.headers.host,
    fromProxy,
  };
}

/**
 * Replaces the request's forwarded headers with what `resolveClient` decided, so
 * nothing the client wrote itself reaches the app: Next keeps an incoming
 * X-Forwarded-For as it is (it only fills one in when absent), and the app's rate
 * limits, reward caps, Secure cookies and origin check all read these headers.
 * @param {import('node:http').IncomingMessage} req
 * @param {Trust} trust
 */
export function rewriteForwardedHeaders(req, trust) {
  const client = resolveClient(req, trust);
  req.headers['x-forwarded-for'] = client.address;
  req.headers['x-forwarded-proto'] = client.proto;
  if (client.host) req.headers['x-forwarded-host'] = client.host;
  else delete req.headers['x-forwarded-host'];
  delete req.headers['x-forwarded-port'];
  return client;
}
