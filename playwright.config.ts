import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './tests/e2e/support/chromium';
import { createDatabase } from './tests/e2e/support/database';

const PORT = 3100 + Number(process.env.E2E_PORT_OFFSET ?? 0);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// Each run starts on an empty database of its own on the PostgreSQL server, so tests
// can assert exact counts, run the admin CLI beside the site, and start more app
// instances on the same data (the embedded database allows one process). Made here
// once: workers inherit the variable. tests/e2e/pglite.spec.ts covers PGlite.
process.env.E2E_DATABASE_URL ??= createDatabase('e2e');
// Every test's browser comes from 127.0.0.1, so the per-address limits and reward caps
// would stop the suite after a handful of sign-ups; servers the suite starts inherit
// these. tests/e2e/security.spec.ts starts its own server with the real limits.
for (const name of ['SIGN_UPS_PER_ADDRESS_HOUR', 'SIGN_UPS_PER_ADDRESS_DAY', 'REFERRALS_PER_ADDRESS_DAY', 'SHARE_READS_PER_ADDRESS_DAY']) {
  process.env[name] ??= '100000';
}

/**
 * End-to-end tests against the production build (`npm run build` runs before this;
 * the config only serves .next). Debian's Chromium is used: the Playwright browser
 * download is unreachable, so never run `npx playwright install`.
 */
export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  globalTeardown: './tests/e2e/support/global-teardown.ts',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  // Generous: the CI machine is shared and often loaded.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['line']] : 'list',
  use: {
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'UTC',
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
  },
  // The CSP walk favourites the article as a reader of its own;
  // it runs after the rest, which count the article's favourites from zero
  // (`--no-deps` runs it alone).
  projects: [
    {
      name: 'chromium',
      testIgnore: /csp\.spec\.ts$/,
      use: CHROMIUM,
    },
    {
      name: 'csp',
      testMatch: /csp\.spec\.ts$/,
      dependencies: ['chromium'],
      use: CHROMIUM,
    },
  ],
  webServer: {
    // What `npm start` serves with, on a port of its own.
    command: `DATABASE_URL=${process.env.E2E_DATABASE_URL} PORT=${PORT} HOSTNAME=127.0.0.1 npm run --silent serve`,
    url: `${BASE_URL}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
