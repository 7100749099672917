// @ts-check
// The process's one structured logger (pino, a JSON object a line), shared by
// server.mjs and the app: Next bundles the app's modules separately, so the
// instance lives on globalThis (like the database handle) and every line goes
// through one destination in order. LOG_FILE sends the lines to a file instead
// of stdout; LOG_LEVEL (default info) filters them.
import pino from 'pino';

const KEY = Symbol.for('niaoge.log');

/**
 * What must never reach a log, wherever a caller puts it: passwords, session and
 * device tokens, cookies, redemption codes, idempotency keys, password hashes. The
 * code logs no request or response bodies at all; this is the second line.
 */
export const REDACT_PATHS = [
  'password',
  'passwordHash',
  'token',
  'cookie',
  'cookies',
  'authorization',
  'redemptionCode',
  'idempotencyKey',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.cookie',
  '*.cookies',
  '*.authorization',
  '*.redemptionCode',
  '*.idempotencyKey',
  '*.headers.cookie',
  '*.headers.authorization',
  '*.headers["set-cookie"]',
];

// Drizzle's query errors carry the statement and its parameters in their message
// ("Failed query: insert …\nparams: name,scrypt$…"): the parameters are where a
// password hash, a session token's digest or a redemption code would be.
const PARAMS = /\nparams: [^\n]*/g;
/** @param {unknown} text */
const scrub = (text) => (typeof text === 'string' ? text.replace(PARAMS, '\nparams: [Redacted]') : text);

/**
 * An error as a log field: type, message, stack and code, with query parameters
 * removed, its cause likewise; nothing else an error may carry (a pg error's
 * `detail` can quote a row's values).
 * @param {unknown} error
 * @returns {unknown}
 */
export function serializeError(error, depth = 0) {
  if (!(error instanceof Error)) return { message: scrub(String(error)) };
  const e = /** @type {Error & { code?: unknown; cause?: unknown }} */ (error);
  return {
    type: e.name,
    message: scrub(e.message),
    stack: scrub(e.stack),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(e.cause !== undefined && depth < 3 ? { cause: serializeError(e.cause, depth + 1) } : {}),
  };
}

/**
 * The options of the process's logger (exported for tests).
 * @returns {import('pino').LoggerOptions}
 */
export function loggerOptions() {
  return {
    level: process.env.LOG_LEVEL || 'info',
    base: { pid: process.pid },
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    serializers: { err: serializeError },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

/**
 * The process's logger. Writes are synchronous: a log line is only written for a
 * failed request or a state change, and a line must not be lost when the process
 * exits right after it.
 * @returns {import('pino').Logger}
 */
export function getLogger() {
  const slot = /** @type {Record<symbol, import('pino').Logger | undefined>} */ (/** @type {unknown} */ (globalThis));
  let logger = slot[KEY];
  if (!logger) {
    const file = process.env.LOG_FILE;
    const destination = file ? pino.destination({ dest: file, append: true, mkdir: true, sync: true }) : pino.destination({ dest: 1, sync: true });
    logger = pino(loggerOptions(), destination);
    slot[KEY] = logger;
  }
  return logger;
}
