import { defineConfig } from '@playwright/test';
import { CHROMIUM } from '../e2e/support/chromium';
import { STACK_ORIGIN } from './stack';

/**
 * `npm run test:stack`: Chromium through `npm run stack` (nginx in front of two
 * `node server.mjs` on one PostgreSQL). The spec starts and stops the stack itself,
 * in a folder and build of its own (.stack-test-<port>, .next-stack), so a stack or
 * a build of yours is left alone. Needs nginx and PostgreSQL on 127.0.0.1:5432.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/stack',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['line']] : 'list',
  use: {
    baseURL: STACK_ORIGIN,
    locale: 'zh-CN',
    timezoneId: 'UTC',
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: CHROMIUM,
    },
  ],
});
