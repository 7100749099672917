import { expect, test, type APIRequestContext } from '@playwright/test';
import { articlePath, expectNoSeriousA11yViolations, waitForHydration } from './helpers';

import { signOutFromHeader, unique } from './support/readers';
const PASSWORD = 'correct horse 1';

/** Posts a form to an auth endpoint as a page of this site would (same Origin), asking for JSON. */
function post(request: APIRequestContext, baseURL: string, path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return request.post(path, { form, headers: { origin: baseURL, accept: 'application/json', ...headers }, maxRedirects: 0 });
}

test('sign up → signed in on the article → sign out → sign in again', async ({ page }) => {
  const name = unique('reader');
  await page.goto(articlePath());
  await waitForHydration(page);
  const header = page.getByRole('banner');
  // The bar has 登录 only; the sign-in page leads on to 注册.
  await header.getByRole('link', { name: '登录' }).click();
  await page.getByRole('main').getByRole('link', { name: '注册' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '注册' })).toBeVisible();
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /用户协议/ }).check();
  await page.getByRole('button', { name: '注册并登录' }).click();

  await expect(page).toHaveURL(articlePath());
  await expect(header.getByText(`已登录：${name}`)).toBeVisible();

  await signOutFromHeader(page);
  await expect(page).toHaveURL(articlePath());
  await expect(header.getByText(`已登录：${name}`)).toHaveCount(0);

  await header.getByRole('link', { name: '登录' }).click();
  await page.getByLabel('用户名').fill(name.toUpperCase()); // usernames ignore case
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(articlePath());
  await expect(header.getByText(`已登录：${name}`)).toBeVisible();
});

test('a taken name on the sign-up page: the refusal sits beside the name, which is kept to change', async ({ page, request, baseURL }) => {
  const name = unique('taken');
  const first = await post(request, baseURL!, '/api/auth/sign-up', { username: name, password: PASSWORD, consent: 'on', locale: 'zh-CN', next: '/' });
  expect(first.status()).toBe(200);
  await page.goto('/sign-up');
  await page.getByLabel('用户名').fill(name.toUpperCase()); // usernames ignore case
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /用户协议/ }).check();
  await page.getByRole('button', { name: '注册并登录' }).click();
  await expect(page).toHaveURL(/\/sign-up\?.*error=username_taken/);
  const field = page.getByLabel('用户名');
  await expect(page.locator('#username-error')).toHaveText('该用户名已被使用，请换一个。');
  await expect(field).toHaveValue(name.toUpperCase());
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/该用户名已被使用/);
  await expect(page.getByLabel('密码')).toHaveValue('');
  await expect(page.getByRole('banner').getByText(/已登录/)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, { label: '/sign-up with a taken name' });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a wrong password shows the translated error on the form, keeping the typed name out of the URL', async ({ page, context }) => {
    const name = unique('读者');
    await page.goto('/zh-TW/sign-in');
    await page.getByLabel('使用者名稱').fill(name);
    await page.getByLabel('密碼').fill('wrong password');
    await page.getByRole('button', { name: '登入' }).click();
    await expect(page.getByRole('alert')).toHaveText('使用者名稱或密碼錯誤。');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    // The name is back in its field; the address (history, logs, Referer) never held it.
    await expect(page.getByLabel('使用者名稱')).toHaveValue(name);
    await expect(page.getByLabel('密碼')).toHaveValue('');
    expect(page.url()).toContain('error=invalid_credentials');
    expect(decodeURIComponent(page.url())).not.toContain(name);
    expect(page.url()).not.toContain('username');
    const [kept] = (await context.cookies()).filter((c) => c.name === 'typed_username');
    expect(kept).toMatchObject({ path: '/zh-TW/sign-in', httpOnly: true, sameSite: 'Lax' });
    expect(kept!.expires - Date.now() / 1000).toBeLessThanOrEqual(61);
    // The form page holding the name is never stored by a cache (nginx's location for it has none either).
    const again = await page.request.get('/zh-TW/sign-in?error=invalid_credentials');
    expect(again.headers()['cache-control']).toMatch(/no-store/);
    // Without a refusal in the address, the form starts empty.
    await page.goto('/zh-TW/sign-in');
    await expect(page.getByLabel('使用者名稱')).toHaveValue('');
  });
});

test("bad form values get a 4xx with a message in the reader's language and create nothing", async ({ request, baseURL }) => {
  const short = await post(request, baseURL!, '/api/auth/sign-up', { consent: 'on', username: 'a', password: PASSWORD, locale: 'zh-CN' });
  expect(short.status()).toBe(400);
  expect(await short.json()).toMatchObject({ ok: false, code: 'username_length', message: '用户名需为 2–20 个字符。' });

  const weak = await post(request, baseURL!, '/api/auth/sign-up', { consent: 'on', username: unique('weak'), password: 'short', locale: 'en' });
  expect(weak.status()).toBe(400);
  expect((await weak.json()).message).toBe('Passwords are 8–128 characters long.');

  const name = unique('taken');
  expect((await post(request, baseURL!, '/api/auth/sign-up', { consent: 'on', username: name, password: PASSWORD })).status()).toBe(200);
  const again = await post(request, baseURL!, '/api/auth/sign-up', { consent: 'on', username: name, password: PASSWORD, locale: 'zh-TW' });
  expect(again.status()).toBe(409);
  expect((await again.json()).message).toBe('該使用者名稱已被使用，請換一個。');

  const wrong = await post(request, baseURL!, '/api/auth/sign-in', { username: name, password: 'not the password' });
  expect(wrong.status()).toBe(401);
});

test('a request from another origin is refused and changes nothing', async ({ request, baseURL }) => {
  const name = unique('csrf');
  const forged = await post(request, baseURL!, '/api/auth/sign-up', { consent: 'on', username: name, password: PASSWORD }, { origin: 'https://evil.example' });
  expect(forged.status()).toBe(403);
  // The name is still free: nothing was written.
  expect((await post(request, baseURL!, '/api/auth/sign-up', { consent: 'on', username: name, password: PASSWORD })).status()).toBe(200);
});

test('a forged, tampered or stale session cookie is treated as signed out', async ({ request, baseURL }) => {
  const name = unique('cookie');
  const res = await post(request, baseURL!, '/api/auth/sign-up', { consent: 'on', username: name, password: PASSWORD });
  const cookie = res.headers()['set-cookie'] ?? '';
  expect(cookie).toMatch(/^session=[^;]+;.*HttpOnly/);
  expect(cookie).toMatch(/SameSite=lax/i);
  const token = /^session=([^;]+)/.exec(cookie)![1]!;

  const stateWith = async (value: string) =>
    (await (await request.get('/api/reader-state', { headers: { cookie: `session=${value}` } })).json()) as { account: { username: string } | null };
  expect((await stateWith(token)).account?.username).toBe(name);
  const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  expect((await stateWith(tampered)).account).toBeNull();
  expect((await stateWith('forged-value')).account).toBeNull();
  expect((await stateWith('x'.repeat(5000))).account).toBeNull();

  await request.post('/api/auth/sign-out', { headers: { origin: baseURL!, cookie: `session=${token}`, accept: 'application/json' } });
  expect((await stateWith(token)).account).toBeNull();
});

for (const path of ['/sign-in', '/sign-up', '/en/sign-in']) {
  test(`axe: ${path}`, async ({ page }) => {
    await page.goto(path);
    await expectNoSeriousA11yViolations(page, { label: path });
  });
}
