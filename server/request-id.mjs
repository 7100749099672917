// @ts-check
import { randomUUID } from 'node:crypto';

// What a proxy's request id may look like (nginx's $request_id is 32 hex digits;
// UUIDs and similar tokens pass); anything else is replaced, so a log line never
// carries what a client wrote.
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The id that ties this request's log lines (and the proxy's) together: the
 * X-Request-Id a trusted proxy sent, or a new one. A client's own header is never
 * believed: it could make its requests look like someone else's.
 * @param {import('node:http').IncomingMessage} req
 * @param {boolean} fromTrustedProxy
 */
export function requestIdOf(req, fromTrustedProxy) {
  const given = req.headers['x-request-id'];
  if (fromTrustedProxy && typeof given === 'string' && REQUEST_ID.test(given)) return given;
  return randomUUID();
}
