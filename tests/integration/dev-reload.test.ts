import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run dev` against a copy of the content: an edited file shows on the next reload
// (no restart), and a content problem shows its file:line:column.
const PORT = 3240 + Number(process.env.E2E_PORT_OFFSET ?? 0);
const ORIGIN = `http://127.0.0.1:${PORT}`;
let dir: string;
let dev: ChildProcess;
let output = '';

const get = async (p: string) => {
  const r = await fetch(`${ORIGIN}${p}`);
  return { status: r.status, text: await r.text() };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dev-content-'));
  cpSync('tests/fixtures/good-small', dir, { recursive: true });
  dev = spawn('npx', ['next', 'dev', '--hostname', '127.0.0.1', '--port', String(PORT)], {
    env: { ...process.env, CONTENT_DIR: dir, NEXT_DIST_DIR: '.next-dev-test', SITE_URL: ORIGIN, NODE_ENV: 'development' },
    detached: true,
  });
  dev.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  dev.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; i < 240; i++) {
    if (/Ready in/.test(output)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`next dev did not start:\n${output}`);
}, 150_000);

afterAll(() => {
  if (dev?.pid) process.kill(-dev.pid, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('next dev re-reads content', () => {
  it('shows an edit on the next reload, and a content problem as file:line:column', async () => {
    const file = path.join(dir, 'articles/sample.md');
    const first = await get('/articles/sample-article');
    expect(first.status).toBe(200);
    expect(first.text).toContain('线上的商家也越来越多');

    writeFileSync(file, readFileSync(file, 'utf8').replace('线上的商家也越来越多', '刚刚改过的一句话'));
    await new Promise((r) => setTimeout(r, 1_000));
    const edited = await get('/articles/sample-article');
    expect(edited.text).toContain('刚刚改过的一句话');
    expect(edited.text).not.toContain('线上的商家也越来越多');

    writeFileSync(file, readFileSync(file, 'utf8').replace('## 一、什么是运营', '#### 一、什么是运营'));
    await new Promise((r) => setTimeout(r, 1_000));
    const broken = await get('/articles/sample-article');
    expect(broken.status).toBe(500);
    expect(`${broken.text}\n${output}`).toMatch(/articles\/sample\.md:13:1: heading level 4 follows level 1/);

    writeFileSync(file, readFileSync(file, 'utf8').replace('#### 一、什么是运营', '## 一、什么是运营'));
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await get('/articles/sample-article')).status).toBe(200);
  }, 180_000);
});
