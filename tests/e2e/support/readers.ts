import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { articlePath } from '../helpers';

export const PASSWORD = 'correct horse 1';
/** A fresh username of at most 17 characters (usernames are 2–20). */
export const unique = (prefix: string) => `${prefix.slice(0, 6)}_${Date.now().toString(36).slice(-6)}${Math.floor(Math.random() * 1e4)}`;

/** Signs up through the page, starting from `next` (the article by default). */
export async function signUpThroughUi(page: Page, name: string, next = articlePath()) {
  await page.goto(`/sign-up?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /用户协议/ }).check();
  await page.getByRole('button', { name: '注册并登录' }).click();
  await expect(page).toHaveURL(next);
  await expect(page.getByRole('banner').getByText(`已登录：${name}`)).toBeVisible();
}

/** Signs a new reader up through the API; the context keeps the session cookie. Returns the username. */
export async function apiReader(request: APIRequestContext, origin: string, name = unique('api')): Promise<string> {
  const res = await request.post(`${origin}/api/auth/sign-up`, {
    form: { username: name, password: PASSWORD, consent: 'on' },
    headers: { origin, accept: 'application/json' },
  });
  expect(res.status()).toBe(200);
  return name;
}

/** Posts a form as a page of `origin` would, asking for JSON. */
export function post(request: APIRequestContext, origin: string, path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return request.post(`${origin}${path}`, { form, headers: { origin, accept: 'application/json', ...headers }, maxRedirects: 0 });
}

/** `npm run admin -- …` on the e2e database, as an operator would run it beside the site. */
export async function admin(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'admin', '--', ...args], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
  });
  return stdout;
}

/** Signs out through the header's account menu (a <details>: opened first). */
export async function signOutFromHeader(page: Page) {
  const header = page.getByRole('banner');
  await header.locator('.account-menu > summary').click();
  await header.getByRole('button', { name: '退出' }).click();
  await expect(header.getByRole('link', { name: '登录' })).toBeVisible();
}
