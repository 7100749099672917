// @ts-check
// Graceful shutdown: a deploy or an operator's Ctrl-C must not cut a reader's
// request in half, nor leave the embedded database needing recovery.
import net from 'node:net';

/** How long requests already being answered may take to finish once a stop is asked. */
export const DRAIN_MS = 10_000;

/**
 * How long idle keep-alive connections are left open after a stop is asked. A proxy
 * may pick an idle connection and write a request on it in the very instant this
 * process closes it; for a POST nginx then cannot know whether the app saw it, so it
 * answers 502 instead of retrying on another instance. Left open, each such
 * connection instead carries one more request, answered with `Connection: close`,
 * and only the ones still unused after this time are closed.
 */
export const LINGER_MS = 2_000;

/**
 * On SIGTERM or SIGINT: stop accepting connections; for `lingerMs` keep idle
 * keep-alive connections open (each answer now says `Connection: close`, so the
 * proxy drops the connection after it), then close the idle ones (and each busy
 * one as soon as its response is done); let requests in flight finish for at most
 * `drainMs` in all, then `close()` (the database) and exit 0. A second signal
 * exits at once with 1.
 * @param {import('node:http').Server} server
 * @param {{ close: () => Promise<void>; log: import('pino').Logger; drainMs?: number; lingerMs?: number }} options
 * @returns {{ draining: () => boolean }} for the request handler: while draining,
 *   answers say `Connection: close`
 */
export function gracefulShutdown(server, { close, log, drainMs = DRAIN_MS, lingerMs = LINGER_MS }) {
  let stopping = false;
  const stop = async (/** @type {NodeJS.Signals} */ signal) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, drainMs, lingerMs }, 'shutting down: no new connections, finishing requests in flight');
    const deadline = Date.now() + drainMs;
    // net.Server's close, not http.Server's: the latter also closes idle keep-alive
    // connections at once, which is the race LINGER_MS avoids.
    const closed = new Promise((resolve) => net.Server.prototype.close.call(server, () => resolve(true)));
    const timeout = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(() => resolve(false), Math.max(0, ms)).unref());
    let inTime = await Promise.race([closed, timeout(Math.min(lingerMs, drainMs))]);
    if (!inTime) {
      // A connection whose response has just finished becomes idle: close it then,
      // rather than waiting for the client (keep-alive lasts 65 s).
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      inTime = await Promise.race([closed, timeout(deadline - Date.now())]);
      clearInterval(sweep);
    }
    if (!inTime) {
      log.warn({ drainMs }, 'requests still in flight after the drain time: closing their connections');
      server.closeAllConnections();
    }
    try {
      await close();
      log.info('shut down cleanly');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown: closing the database failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return { draining: () => stopping };
}

/**
 * Closes the process's database handle if the app opened one (lib/db keeps it on
 * globalThis): PGlite shuts down cleanly (the next start needs no recovery) and
 * releases its folder lock; a pg pool ends its connections.
 */
export async function closeDatabase() {
  const slot = /** @type {Record<symbol, Promise<{ close: () => Promise<void> }> | undefined>} */ (/** @type {unknown} */ (globalThis));
  const ready = slot[Symbol.for('niaoge.db')];
  if (!ready) return;
  const handle = await ready.catch(() => null); // never opened (database down): nothing to close
  await handle?.close();
}
