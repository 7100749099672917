#!/usr/bin/env node
// @ts-check
// Builds the site only when there is no build or the one there is out of date, so
// `npm start` and `npm run stack` restart in seconds instead of a minute.
//
// "Out of date" means the stamp written after the last successful build differs from
// a hash of everything a build reads: the source folders, the content folders
// (CONTENT_DIR), the lockfile, the config files, and the settings baked into the
// pages (SITE_URL, CONTENT_DIR). Content hashes, not mtimes: a fresh clone or a
// `git checkout` touches every mtime without changing a byte.
//
//   node scripts/build-if-needed.mjs           build when needed (npm start, npm run stack)
//   node scripts/build-if-needed.mjs --stamp   record that the build is current (end of npm run build)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Folders and files a build reads, relative to the project root. */
const SOURCES = [
  'app',
  'components',
  'lib',
  'messages',
  'public',
  'instrumentation.ts',
  'next.config.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  // The build's own steps: the CSP manifest it writes, and this script's idea of "current".
  'server/csp-manifest.mjs',
  'scripts/build-if-needed.mjs',
  // Next reads these at build time.
  '.env',
  '.env.local',
  '.env.production',
  '.env.production.local',
];
/** Settings that end up inside the built pages. */
const BAKED_ENV = ['SITE_URL', 'CONTENT_DIR'];

export const STAMP_FILE = '.source-stamp';

/** @param {Record<string, string | undefined>} env */
export const distDir = (env = process.env) => path.resolve(ROOT, env.NEXT_DIST_DIR || '.next');

/**
 * Made by the build from the content folders (already hashed), and shared by every
 * build in this folder: a fixture build adding its images must not make .next stale.
 */
const GENERATED = new Set([path.join(ROOT, 'public', 'content-images')]);

/** @param {string} file @param {(file: string) => void} visit */
function walk(file, visit) {
  if (!existsSync(file) || GENERATED.has(file)) return;
  if (statSync(file).isDirectory()) {
    for (const name of readdirSync(file).sort()) walk(path.join(file, name), visit);
  } else visit(file);
}

/**
 * The hash of everything the build depends on, for this environment.
 * @param {Record<string, string | undefined>} env
 */
export function sourceStamp(env = process.env) {
  const hash = createHash('sha256');
  const contentDirs = (env.CONTENT_DIR ?? 'content').split(path.delimiter).map((d) => path.resolve(ROOT, d));
  for (const top of [...SOURCES.map((s) => path.join(ROOT, s)), ...contentDirs]) {
    walk(top, (file) => {
      hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
    });
  }
  for (const name of BAKED_ENV) hash.update(`${name}=${env[name] ?? ''}\0`);
  return hash.digest('hex');
}

/**
 * Why a build is needed, or null when the existing one is current.
 * @param {Record<string, string | undefined>} env
 */
export function staleReason(env = process.env) {
  const dir = distDir(env);
  if (!existsSync(path.join(dir, 'BUILD_ID'))) return `no build in ${path.relative(ROOT, dir)}`;
  const stampPath = path.join(dir, STAMP_FILE);
  if (!existsSync(stampPath)) return 'the build has no source stamp';
  if (readFileSync(stampPath, 'utf8').trim() !== sourceStamp(env)) return 'sources or settings changed since the last build';
  return null;
}

/**
 * Runs `npm run build` when needed and stamps the result. Returns whether it built.
 * @param {{ env?: Record<string, string | undefined>; log?: (line: string) => void }} [options]
 */
export function buildIfNeeded({ env = process.env, log = console.log } = {}) {
  const reason = staleReason(env);
  if (!reason) {
    log(`build is current (${path.relative(ROOT, distDir(env))}), not rebuilding`);
    return false;
  }
  log(`building: ${reason}`);
  // `npm run build` writes the stamp itself when it succeeds (writeStamp below).
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, env: /** @type {NodeJS.ProcessEnv} */ (env), stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.status ?? result.signal})`);
  return true;
}

/**
 * Records that the build in distDir matches the sources as they are now; `npm run
 * build` calls it (`--stamp`) after `next build` succeeds, so every way of building
 * leaves a stamp.
 * @param {Record<string, string | undefined>} env
 */
export function writeStamp(env = process.env) {
  writeFileSync(path.join(distDir(env), STAMP_FILE), `${sourceStamp(env)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--stamp')) writeStamp();
    else buildIfNeeded();
  } catch (error) {
    console.error(/** @type {Error} */ (error).message);
    process.exit(1);
  }
}
