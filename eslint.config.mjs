// Lint: Next's own rules (core web vitals, TypeScript) plus the layer rules the
// architecture depends on, so a wrong import fails `npm run lint` instead of a review.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import { clientLeafImports } from './tools/eslint/client-leaf-imports.mjs';

/** Imports a layer may not make, as no-restricted-imports patterns with the reason shown to the author. */
const forbid = (group, message) => ({ group, message });

const LIB_NEVER_IMPORTS_UP = [
  forbid(['@/app/*', '@/components/*', '**/app/*', '**/components/*'], 'lib/ is the bottom layer: it never imports app/ or components/.'),
];
/** lib modules client leaves may import values from (constants and a formatter). */
const IMPORT_FREE = ['lib/comments/constants.ts', 'lib/i18n/format.ts', 'lib/feathers/referral-code.ts'];
const NO_TESTS = forbid(['@/tests/*', '**/tests/*'], 'Product code never imports tests/.');
const NO_DATABASE = forbid(['@/lib/db', '@/lib/db/*'], 'Only lib/<domain> touches the database: call a lib function (getX/listX or a verb) instead.');

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([
    '.next/**',
    '.next-*/**',
    'node_modules/**',
    'test-results/**',
    'playwright-report/**',
    'bench/results/**',
    '.stack/**',
    'data/**',
    'next-env.d.ts',
  ]),
  {
    rules: {
      // Unused names are errors, except those that say they are unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Component tests render plain anchors on purpose (no Next router in jsdom).
    files: ['tests/**'],
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },
  {
    files: ['lib/content/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...LIB_NEVER_IMPORTS_UP,
            NO_TESTS,
            forbid(['react', 'react/*', 'react-dom', 'next/*', '@/lib/db', '@/lib/db/*'], 'lib/content parses Markdown: no React, Next or database.'),
          ],
        },
      ],
    },
  },
  // One no-restricted-imports entry per folder: a later entry for the same file would
  // replace an earlier one, not add to it.
  {
    files: ['lib/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...LIB_NEVER_IMPORTS_UP, NO_TESTS] }] },
  },
  {
    files: ['components/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_DATABASE, NO_TESTS] }] },
  },
  {
    // Route handlers may take the database handle (getDb) to pass to lib functions; the
    // queries themselves live in lib/<domain>.
    files: ['app/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TESTS] }] },
  },
  {
    files: ['server/**', 'server.mjs'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TESTS] }] },
  },
  {
    files: ['app/**', 'components/**'],
    plugins: { layers: { rules: { 'client-leaf-imports': clientLeafImports } } },
    // Isomorphic on purpose: lib/i18n/routing (the locale switcher needs its path
    // helpers) and the modules below that import nothing at all.
    rules: { 'layers/client-leaf-imports': ['error', { allow: ['@/lib/i18n/routing', ...IMPORT_FREE.map((f) => `@/${f.replace(/\.ts$/, '')}`)] }] },
  },
  {
    // Client leaves may import these, so they must stay free of imports: one import
    // could pull server code or a library into the browser bundle.
    files: IMPORT_FREE,
    rules: { 'no-restricted-syntax': ['error', { selector: 'ImportDeclaration', message: 'This module is shared with client leaves: it imports nothing.' }] },
  },
]);
