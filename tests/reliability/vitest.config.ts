import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `npm run test:reliability`: crashes, outages, stuck sessions, backups and hostile
 * input (README "Reliability"). Files run one after another: each starts processes
 * or databases of its own, and the machine has two cores. Needs PostgreSQL on
 * 127.0.0.1:5432 (TEST_DATABASE_URL elsewhere) and its client tools.
 */
export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: `${root}/tests/setup/empty.ts` },
    ],
  },
  test: {
    environment: 'node',
    include: ['tests/reliability/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
