import { expect, test } from '@playwright/test';
import { articlePath, expectNoSeriousA11yViolations } from './helpers';
import { query } from './support/database';
import { PASSWORD, admin, signUpThroughUi, unique } from './support/readers';

test('sign-up without ticking the agreement is refused by the server (JavaScript off)', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL! });
  const page = await context.newPage();
  await page.goto('/sign-up');
  const name = unique('nocons');
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码').fill(PASSWORD);
  // Around the browser's own `required`: the server must refuse on its own.
  await page.getByRole('checkbox', { name: /用户协议/ }).evaluate((el) => el.removeAttribute('required'));
  await page.getByRole('button', { name: '注册并登录' }).click();
  await expect(page.getByRole('checkbox', { name: /用户协议/ })).toHaveAccessibleDescription('请先阅读并勾选同意《用户协议》和《隐私政策》。');
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /用户协议/ }).check();
  await page.getByRole('button', { name: '注册并登录' }).click();
  await expect(page).toHaveURL('/');
  await context.close();
});

test('settings at 375 px: change password, download data, sign out everywhere; axe on the new pages', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const name = unique('settg');
  await signUpThroughUi(page, name, '/me');
  await page.getByRole('link', { name: '账号设置' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '账号设置' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('当前密码').fill(PASSWORD);
  await page.getByLabel('新密码').fill('a brand new secret');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('密码已修改，其他设备上的登录已全部退出。')).toBeVisible();

  await page.goto('/me/settings');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载我的数据' }).click();
  const file = await download;
  const data = JSON.parse(await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'))) as { account: { username: string } };
  expect(data.account.username).toBe(name);

  await page.goto('/me/settings/delete');
  await expectNoSeriousA11yViolations(page);
  await page.goto('/me/settings');
  await page.getByRole('button', { name: '在所有设备上退出' }).click();
  await expect(page.getByText('已在所有设备上退出登录。')).toBeVisible();
  await page.goto('/me');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('signed out, the data download sends a browser to sign in and a script gets 401', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL! });
  const page = await context.newPage();
  await page.goto('/zh-TW/me/settings');
  await page.goto('/api/me/export', { referer: `${baseURL}/zh-TW/me/settings` });
  await expect(page).toHaveURL(`/zh-TW/sign-in?next=${encodeURIComponent('/zh-TW/me/settings')}`);
  const fetched = await page.request.get('/api/me/export', { headers: { accept: 'application/json' }, maxRedirects: 0 });
  expect(fetched.status()).toBe(401);
  expect(await fetched.json()).toMatchObject({ ok: false, code: 'sign_in_required' });
  await context.close();
});

test('delete the account (JavaScript off): password and confirmation, then signed out and the name refused', async ({ browser, baseURL }) => {
  const name = unique('delme');
  const context = await browser.newContext({ baseURL: baseURL! });
  const page = await context.newPage();
  await signUpThroughUi(page, name, '/me');
  await page.goto('/me/settings/delete');
  await expect(page.getByText('你的用户名在 30 天内不能被重新注册。')).toBeVisible();
  await page.getByLabel('输入密码以确认').fill(PASSWORD);
  await page.getByRole('checkbox', { name: '我了解以上后果，确认注销' }).check();
  await page.getByRole('button', { name: '永久注销账号' }).click();
  await expect(page.getByText('账号已注销。感谢你曾经的陪伴。')).toBeVisible();
  await page.goto('/sign-up');
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /用户协议/ }).check();
  await page.getByRole('button', { name: '注册并登录' }).click();
  await expect(page.getByRole('textbox', { name: '用户名' })).toHaveAccessibleDescription(/^这个用户名属于一个刚注销的账号，30 天内不能再注册，请换一个。/);
  await context.close();
});

test('reset link from the admin CLI: sets a new password once, then says it was used', async ({ page }) => {
  const name = unique('reset');
  await signUpThroughUi(page, name, '/me');
  const link = (await admin('reset-link', name)).trim();
  const url = new URL(link);
  await page.context().clearCookies();
  await page.goto(`${url.pathname}${url.search}`);
  await page.getByLabel('新密码').fill('reset password 1');
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(page.getByText('密码已重置，你已登录。')).toBeVisible();
  await page.goto(`${url.pathname}${url.search}`);
  await expect(page.locator('p.form-error')).toHaveText('这个重置链接已经用过了，请向管理员索取新的链接。');
});

test('the privacy policy and user agreement are linked from the footer; en shows the Chinese text', async ({ page }) => {
  await page.goto(articlePath('en'));
  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy Policy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '隐私政策' })).toBeVisible();
  await expect(page.locator('article[lang="zh-CN"]')).toBeVisible();
});

test('after the user agreement changes, redeeming waits for the reader to accept it again; then it goes through', async ({ page }) => {
  const name = unique('recons');
  await signUpThroughUi(page, name, '/mall');
  await admin('grant-feathers', name, '20', '--reason', 'e2e');
  // As after a new version of content/terms.md: what this reader accepted is an older one.
  const db = process.env.E2E_DATABASE_URL!;
  query(
    db,
    `update consents set version = 'older' from accounts where consents.account_id = accounts.id and accounts.username = '${name}' and document = 'terms'`,
  );

  await page.goto('/mall');
  const prompt = page.getByRole('dialog', { name: '我们的条款更新了' });
  await expect(prompt).toBeVisible();
  await expect(prompt.getByRole('link', { name: '用户协议' })).toHaveAttribute('href', '/terms');
  await prompt.getByRole('button', { name: '稍后' }).click();
  await expect(prompt).toBeHidden();

  // Not accepted yet: the server refuses, says why, and the page asks again.
  await page.locator('#gift-xinstall-15-day-membership').getByRole('button', { name: '立即兑换' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: '确认要消耗 20 羽毛' });
  await confirm.getByRole('button', { name: '确认兑换' }).click();
  const refused = page.getByRole('dialog').filter({ hasText: '《用户协议》或《隐私政策》已更新，请先阅读并同意后再继续。' });
  await expect(refused).toBeVisible();
  await refused.getByRole('button', { name: '我知道了' }).click();
  await expect(prompt).toBeVisible();
  await expect(page.getByRole('banner').locator('.balance')).toHaveText('羽毛 20');

  await prompt.getByRole('button', { name: '同意' }).click();
  await expect(prompt).toBeHidden();
  expect(query(db, `select version from consents join accounts on accounts.id = account_id where username = '${name}' and document = 'terms'`)).not.toEqual([
    ['older'],
  ]);
  await page.locator('#gift-xinstall-15-day-membership').getByRole('button', { name: '立即兑换' }).click();
  await page.getByRole('dialog').filter({ hasText: '确认要消耗 20 羽毛' }).getByRole('button', { name: '确认兑换' }).click();
  await expect(page.getByRole('dialog').getByRole('status')).toHaveText(/^兑换成功！/);
  await expect(page.getByRole('banner').locator('.balance')).toHaveText('羽毛 0');
});
