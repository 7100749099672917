import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
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

  it('shows an image the editor just added, its copies made in the background', async () => {
    const file = path.join(dir, 'articles/sample.md');
    mkdirSync(path.join(dir, 'articles/images'), { recursive: true });
    // Bytes no earlier run made copies of: a new hash, so only this run's copies can answer.
    const colour = { r: Math.floor(Math.random() * 256), g: Math.floor(Math.random() * 256), b: Date.now() % 256 };
    await sharp({ create: { width: 800, height: 500, channels: 3, background: colour } })
      .png()
      .withMetadata({ exif: { IFD0: { ImageDescription: `${Date.now()}-${Math.random()}` } } })
      .toFile(path.join(dir, 'articles/images/chart.png'));
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n![一周的数据](./images/chart.png)\n`);
    await new Promise((r) => setTimeout(r, 1_000));
    const page = await get('/articles/sample-article');
    const src = /<img src="(\/content-images\/[^"]+)" alt="一周的数据" width="800" height="500"/.exec(page.text)?.[1];
    expect(src).toBeDefined();
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await fetch(`${ORIGIN}${src}`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
    // The copies went into this checkout's public/: take this test's out again.
    const hash = path.basename(src!).split('-')[0]!;
    for (const f of readdirSync('public/content-images')) if (f.startsWith(hash)) rmSync(path.join('public/content-images', f));
  }, 120_000);
});
