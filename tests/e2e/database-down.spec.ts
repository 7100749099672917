import { expect, test } from '@playwright/test';
import { articlePath, ARTICLE_H2 } from './helpers';
import { testPort } from './support/ports';
import { startServer, type RunningServer } from './support/server';

// A second server of the same build whose database is a closed port: the article
// must still be served whole, and the reader-state parts say they are unavailable.
const PORT = testPort(3150);
const ORIGIN = `http://127.0.0.1:${PORT}`;
let server: RunningServer | undefined;

test.beforeAll(async () => {
  server = await startServer(PORT, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
});

test.afterAll(async () => {
  await server?.stop();
});

test('the article renders in full and reader state says it is unavailable', async ({ page }) => {
  const response = await page.goto(`${ORIGIN}${articlePath()}`);
  expect(response?.status()).toBe(200);
  await expect(page.locator('.prose h2')).toHaveText(ARTICLE_H2);
  await expect(page.locator('.prose li')).toHaveCount(18);
  await expect(page.getByRole('banner').getByText('账号服务暂时不可用')).toBeVisible();

  const state = await page.request.get(`${ORIGIN}/api/reader-state`);
  expect(state.status()).toBe(503);
  expect(await state.json()).toEqual({ available: false, account: null, article: null });
});

test('signing up while the database is down is a 503 with a message, not a crash', async ({ request }) => {
  const res = await request.post(`${ORIGIN}/api/auth/sign-up`, {
    form: { username: 'downtime', password: 'long enough 1' },
    headers: { origin: ORIGIN, accept: 'application/json' },
  });
  expect(res.status()).toBe(503);
  expect((await res.json()).message).toBe('账号服务暂时不可用，请稍后再试。');
});

test('signing in while the database is down is a 503 with a message; signing out still clears the cookie', async ({ request }) => {
  const res = await request.post(`${ORIGIN}/api/auth/sign-in`, {
    form: { username: 'downtime', password: 'long enough 1' },
    headers: { origin: ORIGIN, accept: 'application/json' },
  });
  expect(res.status()).toBe(503);
  expect((await res.json()).message).toBe('账号服务暂时不可用，请稍后再试。');
  const out = await request.post(`${ORIGIN}/api/auth/sign-out`, {
    form: {},
    headers: { origin: ORIGIN, accept: 'application/json', cookie: `session=${'a'.repeat(43)}` },
  });
  expect(out.status()).toBe(200);
  expect(out.headers()['set-cookie']).toMatch(/^session=;.*Expires=Thu, 01 Jan 1970/i);
});

test('/me with the database down shows the translated error page, inside the site, with a way to try again', async ({ page, context }) => {
  // A session cookie makes /me ask the database (without one it only sends the reader to sign in).
  await context.addCookies([{ name: 'session', value: 'a'.repeat(43), url: ORIGIN }]);
  await page.goto(`${ORIGIN}/me`);
  await expect(page.getByRole('heading', { level: 1, name: '出错了' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('页面暂时无法显示，请稍后再试。');
  await expect(page.getByRole('button', { name: '重试' })).toBeVisible();
  await expect(page.getByRole('banner')).toBeVisible(); // the site's header is still there
  await expect(page.getByText('Application error')).toHaveCount(0);

  await page.goto(`${ORIGIN}/en/me`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Something went wrong' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('/moderation with the database down shows the translated error page', async ({ page, context }) => {
  await context.addCookies([{ name: 'session', value: 'a'.repeat(43), url: ORIGIN }]);
  await page.goto(`${ORIGIN}/zh-TW/moderation`);
  await expect(page.getByRole('heading', { level: 1, name: '出錯了' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('頁面暫時無法顯示，請稍後再試。');
});

test('health: /healthz says the process is up, /readyz says 503 while the database is unreachable', async ({ request }) => {
  const health = await request.get(`${ORIGIN}/healthz`);
  expect(health.status()).toBe(200);
  expect(health.headers()['cache-control']).toBe('no-store');
  const ready = await request.get(`${ORIGIN}/readyz`);
  expect(ready.status()).toBe(503);
  expect(ready.headers()['cache-control']).toBe('no-store');
  expect(await ready.json()).toEqual({ ok: false, reason: 'database_unreachable' });
});
