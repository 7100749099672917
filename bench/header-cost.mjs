// What server.mjs's per-request header work costs, measured in isolation: the CSP
// lookup (or a fresh nonce), the other security headers and the request id, on
// real ServerResponse objects. Deterministic where a wrk run on a shared 2-core
// machine varies by ±15%, so a few per cent of cost can be read at all.
//
//   node bench/header-cost.mjs [path]     prints nanoseconds per request
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCspManifest } from '../server/csp-manifest.mjs';
import { requestIdOf } from '../server/request-id.mjs';
import { createSecurityHeaders } from '../server/security-headers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Nanoseconds per request of the header work for `urlPath`: requests and
 * responses are made first, then only the work server.mjs adds is timed; the
 * best of several rounds (the least disturbed by other load on the machine).
 * @param {string} urlPath
 * @param {{ distDir?: string; perRound?: number; rounds?: number }} [options]
 */
export function measureHeaderCost(urlPath, { distDir = path.join(ROOT, '.next'), perRound = 20_000, rounds = 10 } = {}) {
  const apply = createSecurityHeaders(loadCspManifest(distDir).manifest);
  const socket = new Socket();
  let best = Infinity;
  for (let round = 0; round < rounds + 1; round++) {
    const pairs = Array.from({ length: perRound }, () => {
      const req = new IncomingMessage(socket);
      req.url = urlPath;
      req.headers = { host: '127.0.0.1' };
      return [req, new ServerResponse(req)];
    });
    const started = process.hrtime.bigint();
    for (const [req, res] of pairs) {
      const id = requestIdOf(req, false);
      req.headers['x-request-id'] = id;
      res.setHeader('x-request-id', id);
      apply(req, res, false);
    }
    const ns = Number(process.hrtime.bigint() - started) / perRound;
    if (round > 0) best = Math.min(best, ns); // round 0 warms up
  }
  return { path: urlPath, nsPerRequest: best };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const p of [process.argv[2] ?? '/articles/how-ecommerce-operations-work', '/me']) {
    const r = measureHeaderCost(p);
    console.log(`${p}: ${r.nsPerRequest.toFixed(0)} ns per request`);
  }
}
