import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SLUG } from './helpers';
import { testPort } from './support/ports';
import { apiReader, post } from './support/readers';
import { startServer } from './support/server';

// The default set-up (`npm start` with no DATABASE_URL): embedded PGlite in a
// folder. Reader state written by one server process is there after a restart.
test('on embedded PGlite, reader state and feathers survive a restart', async ({ playwright }) => {
  // A new PGlite folder takes about 3 s to create, and over a minute on a loaded 2-core machine.
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'e2e-pglite-'));
  let server = await startServer(testPort(3190), { DATABASE_URL: '', PGLITE_DIR: dir });
  const request = await playwright.request.newContext();
  try {
    await apiReader(request, server.origin);
    expect((await post(request, server.origin, `/api/articles/${SLUG}/favourite`, { intent: 'add' })).status()).toBe(200);
    expect((await post(request, server.origin, `/api/articles/${SLUG}/quiz`, { choice: '1' })).status()).toBe(200);
    await server.stop();

    server = await startServer(testPort(3190), { DATABASE_URL: '', PGLITE_DIR: dir });
    const state = await (await request.get(`${server.origin}/api/reader-state?article=${SLUG}`)).json();
    expect(state.account.feathers).toBe(5);
    expect(state.article.favourite).toEqual({ favourited: true, count: 1 });
    expect(state.article.quiz).toEqual({ correct: true });
  } finally {
    await request.dispose();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
