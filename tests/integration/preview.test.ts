import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run preview -- <slug>` (scripts/preview.mjs) against content/ plus
// tests/fixtures/editors: it builds into a folder of its own, serves the draft on
// 127.0.0.1 with noindex everywhere, and leaves the production build alone.
const PORT = 3260 + Number(process.env.E2E_PORT_OFFSET ?? 0);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DIST = '.next-preview-test';
let preview: ChildProcess;
let output = '';
const productionBuild = '.next/BUILD_ID';
const productionBefore = existsSync(productionBuild) ? statSync(productionBuild).mtimeMs : undefined;

beforeAll(async () => {
  rmSync(DIST, { recursive: true, force: true });
  preview = spawn('node', ['scripts/preview.mjs', 'draft-sample'], {
    env: { ...process.env, CONTENT_DIR: 'content:tests/fixtures/editors', PREVIEW_PORT: String(PORT), PREVIEW_DIST_DIR: DIST },
    detached: true,
  });
  preview.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  preview.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  // A whole production build on a shared machine: minutes.
  for (let i = 0; i < 1200; i++) {
    if (preview.exitCode !== null) throw new Error(`preview exited with ${preview.exitCode}:\n${output}`);
    const up = await fetch(`${ORIGIN}/robots.txt`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`preview did not start:\n${output}`);
}, 660_000);

afterAll(async () => {
  if (preview?.pid && preview.exitCode === null) {
    process.kill(-preview.pid, 'SIGTERM');
    await new Promise((r) => preview.once('exit', r));
  }
  rmSync(DIST, { recursive: true, force: true });
}, 30_000);

describe('npm run preview', () => {
  it('prints the draft’s address in each locale', () => {
    for (const prefix of ['', '/zh-TW', '/en']) expect(output).toContain(`${ORIGIN}${prefix}/articles/draft-sample`);
  });

  it('serves the draft, marked as a draft, with noindex in the header and the page, in all three locales', async () => {
    for (const [prefix, badge] of [
      ['', '草稿'],
      ['/zh-TW', '草稿'],
      ['/en', 'Draft'],
    ] as const) {
      const r = await fetch(`${ORIGIN}${prefix}/articles/draft-sample`);
      expect(r.status).toBe(200);
      expect(r.headers.get('x-robots-tag')).toBe('noindex, nofollow');
      const html = await r.text();
      expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
      expect(html).toMatch(prefix === '/zh-TW' ? /還在寫的草稿|还在写的草稿/ : /还在写的草稿/);
      expect(html).toMatch(new RegExp(`>${badge}<`));
    }
    const robots = await fetch(`${ORIGIN}/robots.txt`);
    expect(await robots.text()).toMatch(/Disallow: \/\s*$/m);
  });

  it('built into its own folder and left the production build as it was', () => {
    expect(existsSync(`${DIST}/BUILD_ID`)).toBe(true);
    expect(existsSync(productionBuild) ? statSync(productionBuild).mtimeMs : undefined).toBe(productionBefore);
    expect(readFileSync(`${DIST}/prerender-manifest.json`, 'utf8')).toContain('/articles/draft-sample');
  });
});
