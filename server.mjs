// @ts-check
// The production server: Next's request handler behind a thin layer that decides
// who the client is (TRUST_PROXY) before any app code runs, and refuses URLs Next
// would answer with 500. `npm run serve` starts it; see README "Security".
import { createServer } from 'node:http';
import { sendBadRequest, isMalformedPath } from './server/bad-request.mjs';
import { compileTrust, rewriteForwardedHeaders } from './server/forwarded.mjs';

process.env.NODE_ENV ??= 'production';
const { default: next } = await import('next');

const hostname = process.env.HOSTNAME || '127.0.0.1';
const port = Number(process.env.PORT || 3000);
const trust = compileTrust(process.env.TRUST_PROXY);

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

// Tells lib/http/client.ts that every request's forwarded headers were set here,
// from the socket and TRUST_PROXY, so it may believe them.
/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('niaoge.forwarded-headers')] = true;

const server = createServer((req, res) => {
  if (isMalformedPath(req.url)) return sendBadRequest(req, res);
  rewriteForwardedHeaders(req, trust);
  handle(req, res).catch((error) => {
    console.error('request failed', error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
// Longer than the 60 s idle timeout of common proxies and load balancers, so the
// client side closes an idle connection first (see README).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => {
  console.log(`ready on http://${hostname}:${port}${process.env.TRUST_PROXY ? ` (trusting proxies: ${process.env.TRUST_PROXY})` : ''}`);
});
