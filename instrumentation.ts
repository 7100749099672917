import type { Instrumentation } from 'next';

// Next calls register() once when a server process starts: open the reader-state
// database and apply the committed migrations before the first request needs them,
// then keep it tidy.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { getDb } = await import('./lib/db');
  const { housekeeping } = await import('./lib/auth/housekeeping');
  const { log } = await import('./lib/log');
  // The reader-state answer for server.mjs, which answers that request before Next's
  // routing (README "Reader state without the router"); compiled here by Next, so it
  // is the same code the route file runs.
  const { answerReaderState } = await import('./lib/reader/reader-state-answer');
  (globalThis as Record<symbol, unknown>)[Symbol.for('niaoge.reader-state')] = answerReaderState;
  try {
    const { kind } = await getDb();
    log.info({ database: kind === 'postgres' ? 'PostgreSQL server' : 'embedded PGlite' }, 'database ready, migrations applied');
  } catch (error) {
    // The articles are static and render without it; reader state retries per request.
    log.error({ err: error }, 'database unavailable at start-up');
  }
  // Expired sessions, dead rate-limit counters, spent reset links and retired names go
  // at start-up (accounts older than username skeletons get theirs before the first
  // sign-up could pass for them) and then hourly; unref'd so it never keeps the
  // process alive, and a failure (database down) just waits for the next hour.
  const tidy = () => {
    getDb()
      .then(({ db }) => housekeeping(db))
      .catch((error: unknown) => log.error({ err: error }, 'housekeeping failed'));
  };
  tidy();
  setInterval(tidy, 60 * 60 * 1000).unref();
}

/**
 * Every error Next catches while answering (a page that failed, a route that threw)
 * also goes to the structured log with the request id, so it can be found beside
 * the request's other lines. Never the headers: they carry the session cookie.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { log } = await import('./lib/log');
  const id = request.headers['x-request-id'];
  log.error(
    {
      reqId: typeof id === 'string' ? id : undefined,
      method: request.method,
      path: request.path.split(/[?#]/, 1)[0],
      route: context.routePath,
      kind: context.routeType,
      err: error,
    },
    'request error',
  );
};
