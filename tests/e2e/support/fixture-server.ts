import { test } from '@playwright/test';
import { testPort } from './ports';
import { startServer, type RunningServer } from './server';

/**
 * Serves the fixture build (npm run build:fixture: content/ plus tests/fixtures/paid-article
 * and tests/fixtures/editors) on the e2e database for the whole spec file, on its own port.
 * Returns a getter: the server exists once beforeAll has run.
 */
export function serveFixtureBuild(basePort: number): () => RunningServer {
  let server: RunningServer | undefined;
  test.beforeAll(async () => {
    server = await startServer(testPort(basePort), {
      NEXT_DIST_DIR: '.next-fixture',
      CONTENT_DIR: 'content:tests/fixtures/paid-article:tests/fixtures/editors',
      DATABASE_URL: process.env.E2E_DATABASE_URL!,
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the fixture server is not running');
    return server;
  };
}
