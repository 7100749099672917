// Next calls register() once when a server process starts: open the reader-state
// database and apply the committed migrations before the first request needs them.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { getDb } = await import('./lib/db');
  try {
    const { kind } = await getDb();
    console.log(`database ready (${kind === 'postgres' ? 'PostgreSQL server' : 'embedded PGlite'}), migrations applied`);
  } catch (error) {
    // The articles are static and render without it; reader state retries per request.
    console.error(`database unavailable at start-up: ${(error as Error).message}`);
  }
}
