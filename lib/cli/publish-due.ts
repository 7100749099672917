// `npm run publish-due`: rebuilds when an article's publishedAt has come and the build has no page for it.
// Run it from cron (every few minutes); see README "Scheduled publishing".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadContent } from '../content/load';
import { articlesDue } from '../content/visibility';

const distDir = path.resolve(process.env.NEXT_DIST_DIR || '.next');
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const thenAt = args.indexOf('--then');
const then = thenAt >= 0 ? args[thenAt + 1] : undefined;

/** The article slugs the build prerendered (its zh-CN paths /articles/<slug>). */
function builtSlugs(): Set<string> {
  const manifest = path.join(distDir, 'prerender-manifest.json');
  if (!existsSync(manifest)) return new Set();
  const routes = Object.keys((JSON.parse(readFileSync(manifest, 'utf8')) as { routes: Record<string, unknown> }).routes);
  return new Set(routes.flatMap((r) => /^\/articles\/([^/]+)$/.exec(r)?.[1] ?? []));
}

const due = articlesDue(loadContent().articles, builtSlugs(), Date.now());
if (due.length === 0) {
  console.log('publish-due: the build is current; nothing to publish.');
  process.exit(0);
}
console.log(`publish-due: due and not in ${path.relative(process.cwd(), distDir)}: ${due.join(', ')}`);
if (dryRun) process.exit(0);
const run = (command: string) => spawnSync(command, { shell: true, stdio: 'inherit' }).status ?? 1;
if (run('npm run build') !== 0) process.exit(1);
if (then && run(then) !== 0) process.exit(1);
