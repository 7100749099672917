// @ts-check
// The production server: Next's request handler behind a thin layer that decides
// who the client is (TRUST_PROXY) before any app code runs, refuses URLs Next
// would answer with 500, sets the security headers (Content-Security-Policy from
// the build's script hashes), logs failed requests, answers /healthz, and drains
// on SIGTERM. `npm run serve` starts it; see README "Security" and "Operations".
import { createServer } from 'node:http';
import path from 'node:path';
import { sendBadRequest, isMalformedPath } from './server/bad-request.mjs';
import { loadCspManifest } from './server/csp-manifest.mjs';
import { compileTrust, rewriteForwardedHeaders } from './server/forwarded.mjs';
import { immutableWhenFound } from './server/immutable-images.mjs';
import { getLogger } from './server/log.mjs';
import { requestIdOf } from './server/request-id.mjs';
import { createSecurityHeaders, securityHeadersEnabled } from './server/security-headers.mjs';
import { closeDatabase, gracefulShutdown } from './server/shutdown.mjs';
import { unknownArticleComments } from './server/unknown-article.mjs';
import { createUnknownLocaleCheck } from './server/unknown-locale.mjs';

process.env.NODE_ENV ??= 'production';
// One moment for the whole process to decide which scheduled articles are published
// (lib/content/visibility.ts): Next bundles instrumentation.ts, whose reader-state
// answer is served here, apart from the routes, and each bundle would take its own.
process.env.CONTENT_NOW ??= new Date().toISOString();
// ... and one copy of the content for both (lib/content/site.ts fills it).
/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('niaoge.content')] = {};
const { default: next } = await import('next');

const log = getLogger();
const hostname = process.env.HOSTNAME || '127.0.0.1';
const port = Number(process.env.PORT || 3000);
const trust = compileTrust(process.env.TRUST_PROXY);
const distDir = path.resolve(process.env.NEXT_DIST_DIR || '.next');

const unknownLocale = createUnknownLocaleCheck(distDir);

/** @typedef {(question: { search: string, cookie: string | null, requestId: string }) => Promise<{ status: number, headers: Record<string, string>, body: string }>} ReaderStateAnswer */
const READER_STATE = Symbol.for('niaoge.reader-state');
const PREVIEW = process.env.CONTENT_PREVIEW === '1';

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

// Per path, prepared once: a request then costs a Map lookup.
const securityHeaders = securityHeadersEnabled(process.env.SECURITY_HEADERS)
  ? (() => {
      const { manifest, computed } = loadCspManifest(distDir);
      if (computed) log.warn({ distDir }, 'no CSP manifest from the build step: hashed the prerendered pages at start-up');
      return createSecurityHeaders(manifest);
    })()
  : (log.warn('SECURITY_HEADERS=off: no Content-Security-Policy or other security headers (for measuring only)'), null);

// Tells lib/http/client.ts that every request's forwarded headers were set here,
// from the socket and TRUST_PROXY, so it may believe them.
/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('niaoge.forwarded-headers')] = true;

/** @type {{ draining: () => boolean }} */
let shutdown = { draining: () => false };

const server = createServer((req, res) => {
  try {
    serve(req, res);
  } catch (error) {
    // Nothing a request carries may stop the process: a throw before Next (headers,
    // forwarding) is this request's 500, logged, never an uncaught exception.
    log.error({ method: req.method, path: pathOf(req.url), err: error }, 'request failed before the app');
    if (!res.headersSent) res.writeHead(500, { 'cache-control': 'no-store' });
    res.end();
  }
});

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
function serve(req, res) {
  if (isMalformedPath(req.url)) return sendBadRequest(req, res);
  const client = rewriteForwardedHeaders(req, trust);
  const id = requestIdOf(req, client.fromProxy);
  req.headers['x-request-id'] = id;
  res.setHeader('x-request-id', id);
  securityHeaders?.(req, res, client.proto === 'https');
  // The process is up and serving: no database, no Next (GET /readyz asks the database).
  if (req.url === '/healthz') return sendJson(res, 200, '{"ok":true}');
  // TRACE is no method of this site; Next's route handlers answer it with 500 (pages with 405).
  if (req.method === 'TRACE') {
    res.writeHead(405, { allow: 'GET, HEAD, POST', 'cache-control': 'no-store', 'content-length': '0' });
    res.end();
    return logFailure(req, res, id, performance.now());
  }
  if (shutdown.draining()) {
    res.setHeader('connection', 'close');
    // A load balancer polling readiness takes this instance out while it drains.
    if (req.url === '/readyz') return sendJson(res, 503, '{"ok":false,"reason":"shutting_down"}');
  }
  const started = performance.now();
  const unknown = unknownLocale(req.url) ?? unknownArticleComments(req.url, distDir);
  if (unknown) {
    res.writeHead(unknown.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(unknown.html);
    // Logged like the 404s Next answers: a scan of made-up paths shows in the log either way.
    return logFailure(req, res, id, started);
  }
  if (answerReaderStateHere(req, res, id, started)) return;
  immutableWhenFound(req, res);
  handle(req, res).then(
    () => {
      if (res.statusCode >= 400) logFailure(req, res, id, started);
    },
    (error) => {
      log.error({ reqId: id, method: req.method, path: pathOf(req.url), err: error }, 'request failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    },
  );
}

/**
 * GET /api/reader-state, which every page asks on every load, answered without Next's
 * routing: the answer is lib/reader/reader-state-answer.ts, which instrumentation.ts
 * hands over once Next has compiled it (the route file answers the same under `next
 * start`). Measured through the stack, Next's routing was most of the request's
 * cost (README "Reader state without the router"). False when this is not that request.
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 * @param {string} id @param {number} started
 */
function answerReaderStateHere(req, res, id, started) {
  const answer = /** @type {Record<symbol, ReaderStateAnswer | undefined>} */ (globalThis)[READER_STATE];
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  if (!answer || req.method !== 'GET' || (query === -1 ? url : url.slice(0, query)) !== '/api/reader-state') return false;
  // The query as Next reads it: a fragment (which browsers never send) is not part of it.
  const search = query === -1 ? '' : url.slice(query).split('#', 1)[0];
  answer({ search, cookie: req.headers.cookie ?? null, requestId: id })
    .then((reply) => {
      // What next.config.ts's headers() gives every response of a preview build.
      if (PREVIEW) res.setHeader('x-robots-tag', 'noindex, nofollow');
      res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
      res.end(reply.body);
      if (reply.status >= 400) logFailure(req, res, id, started);
    })
    .catch((error) => {
      log.error({ reqId: id, method: req.method, path: pathOf(req.url), err: error }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'cache-control': 'no-store' });
      res.end();
    });
  return true;
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {string} body */
function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(body);
}

/** The path without its query: queries carry return paths and referral codes, not for logs. @param {string | undefined} url */
const pathOf = (url = '/') => url.split(/[?#]/, 1)[0];

/**
 * One line per request answered with an error status.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} id
 * @param {number} started
 */
function logFailure(req, res, id, started) {
  const fields = { reqId: id, method: req.method, path: pathOf(req.url), status: res.statusCode, ms: Math.round(performance.now() - started) };
  if (res.statusCode >= 500) log.error(fields, 'request failed');
  else log.warn(fields, 'request refused');
}

// Longer than the 60 s idle timeout of common proxies and load balancers, so the
// client side closes an idle connection first (see README).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
shutdown = gracefulShutdown(server, { close: closeDatabase, log });
// instrumentation.ts runs while Next warms up, not before prepare() returns: until it
// has, reader state goes through Next (the same answer, slower). Said once if it never does.
setTimeout(() => {
  if (!(/** @type {Record<symbol, unknown>} */ (globalThis)[READER_STATE])) {
    log.warn('instrumentation.ts did not hand over the reader-state answer: /api/reader-state goes through Next');
  }
}, 30_000).unref();
server.listen(port, hostname, () => {
  log.info({ url: `http://${hostname}:${port}`, trustProxy: process.env.TRUST_PROXY || null }, 'ready');
});
