// `npm run preview -- <slug or file>`: a production build of the content with drafts and
// scheduled articles included, in its own folder (.next-preview: .next is never touched),
// served on 127.0.0.1 with noindex on every response, and the article's URL in each locale.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const arg = process.argv[2];
if (!arg) {
  console.error('usage: npm run preview -- <slug | content/articles/<slug>.md>');
  process.exit(2);
}
const slug = arg.endsWith('.md') ? /^slug:\s*["']?([a-z0-9-]+)/m.exec(readFileSync(arg, 'utf8'))?.[1] : arg;
if (!slug) {
  console.error(`${arg}: no slug in its front matter`);
  process.exit(1);
}

const port = Number(process.env.PREVIEW_PORT || 3100);
const distDir = process.env.PREVIEW_DIST_DIR || '.next-preview';
const origin = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  CONTENT_PREVIEW: '1',
  NEXT_DIST_DIR: distDir,
  SITE_URL: origin,
  SKIP_TYPECHECK: '1',
  // The preview's reader state stays beside its build, never in ./data (one process per PGlite folder).
  PGLITE_DIR: process.env.PGLITE_DIR || path.join(distDir, 'data'),
};

const step = (command, args) => {
  const r = spawnSync(command, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step('npx', ['tsx', 'lib/cli/check-content.ts']);
step('npx', ['tsx', 'lib/cli/emit-images.ts']);
step('npx', ['next', 'build']);
step('node', ['server/csp-manifest.mjs']);

const manifest = path.join(distDir, 'prerender-manifest.json');
if (!existsSync(manifest) || !(`/articles/${slug}` in JSON.parse(readFileSync(manifest, 'utf8')).routes)) {
  console.error(`no article with slug "${slug}" in the content`);
  process.exit(1);
}

const server = spawn('node', ['server.mjs'], { stdio: 'inherit', env: { ...env, PORT: String(port), HOSTNAME: '127.0.0.1' } });
console.log(`\nPreview (drafts included, noindex) of "${slug}":`);
for (const prefix of ['', '/zh-TW', '/en']) console.log(`  ${origin}${prefix}/articles/${slug}`);
console.log('Ctrl-C stops it.\n');
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
