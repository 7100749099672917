// @ts-check
// Graceful shutdown: a deploy or an operator's Ctrl-C must not cut a reader's
// request in half, nor leave the embedded database needing recovery.

/** How long requests already being answered may take to finish once a stop is asked. */
export const DRAIN_MS = 10_000;

/**
 * On SIGTERM or SIGINT: stop accepting connections, close idle keep-alive
 * connections (and each busy one as soon as its response is done), let requests
 * in flight finish for at most `drainMs`, then `close()` (the database) and exit
 * 0. A second signal exits at once with 1.
 * @param {import('node:http').Server} server
 * @param {{ close: () => Promise<void>; log: import('pino').Logger; drainMs?: number }} options
 * @returns {{ draining: () => boolean }} for the request handler: while draining,
 *   answers say `Connection: close`
 */
export function gracefulShutdown(server, { close, log, drainMs = DRAIN_MS }) {
  let stopping = false;
  const stop = async (/** @type {NodeJS.Signals} */ signal) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, drainMs }, 'shutting down: no new connections, finishing requests in flight');
    const closed = new Promise((resolve) => server.close(() => resolve(true)));
    // A connection whose response has just finished becomes idle: close it then,
    // rather than waiting for the client (keep-alive lasts 65 s).
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const inTime = await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve(false), drainMs).unref())]);
    clearInterval(sweep);
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
