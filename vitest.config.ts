import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // lib/content/site.ts and lib/site-index.ts guard themselves with `import 'server-only'`,
      // which throws outside a React Server Components bundle; the tests are that server.
      { find: /^server-only$/, replacement: `${root}/tests/setup/empty.ts` },
    ],
  },
  test: {
    // Playwright owns tests/e2e; vitest never collects it.
    exclude: ['**/node_modules/**', 'tests/e2e/**', '.next/**'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          // Reader state against PGlite and the PostgreSQL server (each test its own database).
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.tsx'],
          setupFiles: ['tests/setup/dom.ts'],
        },
      },
    ],
  },
});
