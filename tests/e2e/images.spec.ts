import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers';
import { serveFixtureBuild } from './support/fixture-server';

// The fixture build (npm run build:fixture) holds tests/fixtures/editors/articles/image-sample.md:
// one image above the fold (storefront.jpg, 1600×1000), three below, and a cover (1200×630).
const fixture = serveFixtureBuild(3250);
const ARTICLE = '/articles/image-sample';
const HASHED = /^\/content-images\/[0-9a-f]{20}-\d+w\d+\.(?:jpg|png|webp)$/;

test.use({ viewport: { width: 375, height: 812 } });

test('article images keep their box before loading, the first loads at once, the rest when scrolled to', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/content-images/')) requested.push(new URL(r.url()).pathname);
  });
  await page.goto(`${fixture().origin}${ARTICLE}`);
  const images = page.locator('.prose img');
  await expect(images).toHaveCount(4);

  const first = page.getByRole('img', { name: '网店首页的样子：一排商品和一张横幅' });
  await expect(first).toHaveAttribute('width', '1600');
  await expect(first).toHaveAttribute('height', '1000');
  await expect(first).not.toHaveAttribute('loading', /.*/);
  await expect(first).toHaveAttribute('decoding', 'async');
  await expect(first).toHaveAttribute('fetchpriority', 'high');
  await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  // A 375 px phone at 1× takes the 480 px copy from the srcset, not the 1600 px original.
  expect(new URL(await first.evaluate((img: HTMLImageElement) => img.currentSrc)).pathname).toMatch(/-480w\d+\.jpg$/);
  const box = (await first.boundingBox())!;
  expect(box.height / box.width).toBeCloseTo(1000 / 1600, 2);

  const chart = page.getByRole('img', { name: '一周的访客数和转化率的柱状图' });
  await expect(chart).toHaveAttribute('loading', 'lazy');
  await expect(chart).toHaveAttribute('width', '800');
  await expect(chart).toHaveAttribute('height', '500');
  // Below the fold: it already has its height (width and height), and is not fetched yet.
  const chartBox = (await chart.boundingBox())!;
  expect(chartBox.height / chartBox.width).toBeCloseTo(500 / 800, 2);
  expect(chartBox.y).toBeGreaterThan(812 * 2);
  expect(requested.some((p) => p.endsWith('.png'))).toBe(false);

  for (const img of await images.all()) {
    expect(await img.getAttribute('src')).toMatch(HASHED);
    for (const candidate of (await img.getAttribute('srcset'))!.split(', ')) expect(candidate.split(' ')[0]).toMatch(HASHED);
  }

  await chart.scrollIntoViewIfNeeded();
  await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  expect(requested.some((p) => p.endsWith('.png'))).toBe(true);
  // Nothing moved while the images came in.
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) total += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 500);
      }),
  );
  expect(shift).toBe(0);
});

test('an image is served for a year under its hashed name; a missing one is not cached', async ({ page, request }) => {
  await page.goto(`${fixture().origin}${ARTICLE}`);
  const src = (await page.getByRole('img', { name: '主播在直播间介绍商品' }).getAttribute('src'))!;
  const response = await request.get(`${fixture().origin}${src}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(response.headers()['content-type']).toBe('image/webp');
  const missing = await request.get(`${fixture().origin}/content-images/0000000000000000000a-480w1.jpg`);
  expect(missing.status()).toBe(404);
  expect(missing.headers()['cache-control']).not.toContain('immutable');
});

test('the cover is the article’s Open Graph and JSON-LD image, with its size; without a cover, the drawn card', async ({ page, request }) => {
  await page.goto(`${fixture().origin}/zh-TW${ARTICLE}`);
  const og = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(new URL(og!).pathname).toMatch(/^\/content-images\/[0-9a-f]{20}-1200w\d+\.jpg$/);
  await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute('content', '1200');
  await expect(page.locator('meta[property="og:image:height"]')).toHaveAttribute('content', '630');
  await expect(page.locator('meta[property="og:image:type"]')).toHaveAttribute('content', 'image/jpeg');
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent())!);
  expect(jsonLd[0].image).toEqual({ '@type': 'ImageObject', url: og, width: 1200, height: 630 });
  const cover = await request.get(`${fixture().origin}${new URL(og!).pathname}`);
  expect(cover.status()).toBe(200);

  await page.goto(`${fixture().origin}/articles/updated-sample`);
  expect(new URL((await page.locator('meta[property="og:image"]').getAttribute('content'))!).pathname).toBe('/og/zh-CN/updated-sample');
});

test('the article with images has no serious accessibility violation (alt texts in zh-TW too)', async ({ page }) => {
  await page.goto(`${fixture().origin}/zh-TW${ARTICLE}`);
  await expect(page.getByRole('img', { name: '主播在直播間介紹商品' })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, { label: `/zh-TW${ARTICLE}` });
});

test('the article with images passes the Nu Html Checker', async ({ request }) => {
  const run = promisify(execFile);
  const vnu = String(createRequire(import.meta.url)('vnu-jar'));
  const dir = await mkdtemp(join(tmpdir(), 'vnu-images-'));
  try {
    const file = join(dir, 'image-sample.html');
    await writeFile(file, await (await request.get(`${fixture().origin}${ARTICLE}`)).text());
    let output: string;
    try {
      const { stdout, stderr } = await run('java', ['-jar', vnu, '--errors-only', '--format', 'json', file], { maxBuffer: 16 * 1024 * 1024 });
      output = stderr || stdout;
    } catch (error) {
      output = (error as { stderr?: string }).stderr ?? '';
    }
    expect((JSON.parse(output) as { messages: Array<{ type: string; message: string }> }).messages.filter((m) => m.type === 'error')).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
