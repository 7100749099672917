import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { articlePath } from './helpers';
import { htmlGzipBytes, scriptUrls } from '../../bench/run.mjs';

// The article's byte budget (issue: JavaScript ≤ 150 KB gzip), kept by every build, not
// only when someone runs the bench: the same count as `npm run bench` (gzip -9, the
// scripts the page loads at once; 1 KB = 1000 bytes; noModule polyfills left out,
// as no current browser loads them).
const JS_BUDGET_BYTES = 150_000;
// And its HTML ≤ 15 KB gzip -9, counted the same way (bench/html-breakdown.mjs shows
// what the bytes are).
const HTML_BUDGET_BYTES = 15_000;

test('the article is at most 15 KB of HTML (gzip)', async ({ request }) => {
  const response = await request.get(articlePath(), { headers: { 'accept-encoding': 'identity' } });
  expect(response.status()).toBe(200);
  const body = await response.body();
  expect(body.toString('utf8')).toContain('</html>');
  expect(htmlGzipBytes(body)).toBeLessThanOrEqual(HTML_BUDGET_BYTES);
});

test('the article loads at most 150 KB of JavaScript (gzip), and every script it names exists', async ({ request }) => {
  const html = await (await request.get(articlePath())).text();
  const scripts = scriptUrls(html) as Array<{ url: string; how: string }>;
  expect(scripts.length).toBeGreaterThan(0);
  let total = 0;
  for (const { url } of scripts) {
    const response = await request.get(url, { headers: { 'accept-encoding': 'identity' } });
    expect(response.status(), url).toBe(200);
    total += gzipSync(await response.body(), { level: 9 }).length;
  }
  expect(total).toBeLessThanOrEqual(JS_BUDGET_BYTES);
});
