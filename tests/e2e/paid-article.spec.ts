import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, waitForHydration } from './helpers';
import { query } from './support/database';
import { admin, apiReader, PASSWORD, post, unique } from './support/readers';
import { serveFixtureBuild } from './support/fixture-server';

// The shipped guide is free. This file serves the fixture build (npm run build:fixture:
// content/ plus tests/fixtures/paid-article and tests/fixtures/editors) on the e2e database.
const fixture = serveFixtureBuild(3200);
const PATH = '/articles/live-selling-checklist';
const PAID_TEXT = '选品先看复购率';
const FREE_TEXT = '这一部分人人都能读到。';

test('the paid part is absent from the HTML, and JSON-LD marks the article as not free', async ({ request }) => {
  const html = await (await request.get(`${fixture().origin}${PATH}`)).text();
  expect(html).toContain(FREE_TEXT);
  expect(html).not.toContain(PAID_TEXT);
  expect(html).not.toContain('付费部分');
  const jsonLd = JSON.parse(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(html)![1]!.replace(/\\u003c/g, '<'));
  expect(jsonLd[0]).toMatchObject({
    isAccessibleForFree: false,
    hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.paid-part' },
  });
  // Nor from any response a reader who has not unlocked it can get.
  expect((await request.get(`${fixture().origin}/api/articles/live-selling-checklist/paid`)).status()).toBe(401);
});

test('购买: 羽毛不足 first; after a grant the paid part appears, once paid, and stays', async ({ page }) => {
  const name = unique('payer');
  await page.goto(`${fixture().origin}/sign-up?next=${encodeURIComponent(PATH)}`);
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码').fill('correct horse 1');
  await page.getByRole('checkbox', { name: /用户协议/ }).check();
  await page.getByRole('button', { name: '注册并登录' }).click();
  await expect(page).toHaveURL(`${fixture().origin}${PATH}`);
  await waitForHydration(page);

  await expect(page.getByText('以下内容需要购买后阅读。')).toBeVisible();
  await expect(page.getByText(PAID_TEXT)).toHaveCount(0);
  await page.getByRole('button', { name: '购买' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('确认要消耗 30 羽毛购买《直播带货选品清单》吗？');
  await dialog.getByRole('button', { name: '考虑一下' }).click();
  await expect(dialog).toHaveCount(0);

  await page.getByRole('button', { name: '购买' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认购买' }).click();
  await expect(page.getByRole('dialog')).toContainText('很遗憾，羽毛不足');
  // Like the gift's 羽毛不足: what the reader has, and where to earn more.
  await expect(page.getByRole('dialog')).toContainText('你现在有 0 羽毛。');
  await expect(page.getByRole('dialog').getByRole('link', { name: '如何获得羽毛' })).toHaveAttribute('href', '/mall#mall-earn');
  await page.getByRole('dialog').getByRole('button', { name: '我知道了' }).click();

  await admin('grant-feathers', name, '40', '--reason', 'e2e paid');
  await page.reload();
  await page.getByRole('button', { name: '购买' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认购买' }).click();
  await expect(page.locator('.paid-part')).toContainText(PAID_TEXT);
  await expect(page.locator('.paid-part h2')).toHaveText('付费部分');
  // The paid part's headings carry their stable ids too.
  await expect(page.locator('.paid-part h2')).toHaveAttribute('id', '付费部分');
  await expect(page.getByRole('banner').locator('.balance')).toHaveText('羽毛 10');
  await expectNoSeriousA11yViolations(page, { label: 'unlocked paid article' });

  await page.reload();
  await expect(page.locator('.paid-part')).toContainText(PAID_TEXT);
  // Unlocking again spends nothing.
  const again = await page.request.post(`${fixture().origin}/api/articles/live-selling-checklist/unlock`, {
    headers: { origin: fixture().origin, accept: 'application/json' },
    form: {},
  });
  expect(await again.json()).toMatchObject({ ok: true, balance: 10 });
  const [row] = query(
    process.env.E2E_DATABASE_URL!,
    `select count(*) from ledger l join accounts a on a.id = l.account_id where a.username = '${name}' and l.reason = 'unlock'`,
  );
  expect(row![0]).toBe('1');
});

test('购买 signed out: nothing opens until the reader state is known, then the sheet says why; once signed in 购买 asks to confirm, and nothing is spent', async ({
  page,
  playwright,
  browser,
}) => {
  const origin = fixture().origin;
  const api = await playwright.request.newContext({ baseURL: origin });
  const name = await apiReader(api, origin);
  await api.dispose();
  // Enough to buy: only the missing confirmation can keep it from being spent.
  await admin('grant-feathers', name, '100', '--reason', 'e2e paid sheet');
  // The reader state is held back: until it says who is reading, 购买 opens no confirmation.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/reader-state**', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${origin}${PATH}`);
  await waitForHydration(page);
  await page.getByRole('button', { name: '购买' }).click();
  await page.waitForTimeout(500);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).toHaveURL(`${origin}${PATH}`);
  release();

  const sheet = page.getByRole('dialog', { name: '登录' });
  await expect(sheet).toContainText('登录后即可购买全文，购买前还会请你确认');
  await expect(page.getByRole('button', { name: '确认购买' })).toHaveCount(0);
  await sheet.getByLabel('用户名').fill(name);
  await sheet.getByLabel('密码').fill(PASSWORD);
  await sheet.getByRole('button', { name: '登录' }).click();
  await expect(sheet).toHaveCount(0);

  await expect(page).toHaveURL(`${origin}${PATH}`);
  const confirm = page.getByRole('dialog').filter({ hasText: '确认要消耗 30 羽毛购买《直播带货选品清单》吗？' });
  await expect(confirm.getByRole('button', { name: '确认购买' })).toBeVisible();
  await confirm.getByRole('button', { name: '考虑一下' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('banner').locator('.balance')).toHaveText('羽毛 100');
  await expect(page.locator('.paid-part')).toHaveCount(0);
  const DB = process.env.E2E_DATABASE_URL!;
  expect(query(DB, `select count(*) from unlocks u join accounts a on a.id = u.account_id where a.username = '${name}'`)[0]![0]).toBe('0');
  expect(query(DB, `select feathers from accounts where username = '${name}'`)[0]![0]).toBe('100');

  // Without JavaScript 购买 is a link to the sign-in page, coming back to the article.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await noJs.goto(`${origin}${PATH}`);
  await noJs.getByRole('button', { name: '购买' }).click();
  await expect(noJs).toHaveURL(`${origin}/sign-in?next=${encodeURIComponent(PATH)}`);
  await plain.close();
});

test('another reader cannot fetch the paid part, and the shipped guide cannot be bought', async ({ playwright }) => {
  const request = await playwright.request.newContext();
  await apiReader(request, fixture().origin);
  expect((await request.get(`${fixture().origin}/api/articles/live-selling-checklist/paid`)).status()).toBe(403);
  const free = await post(request, fixture().origin, '/api/articles/how-ecommerce-operations-work/unlock', {});
  expect(free.status()).toBe(404);
  expect((await free.json()).message).toBe('这篇文章不需要购买。');
  await request.dispose();
});

test('目录 lists the free headings only; the footer shows the fixture 备案 numbers', async ({ page }) => {
  await page.goto(`${fixture().origin}${PATH}`);
  const nav = page.getByRole('navigation', { name: '目录' });
  await expect(nav.getByRole('link', { name: '付费部分' })).toHaveCount(0);
  const footer = page.locator('.site-footer');
  await expect(footer.getByRole('link', { name: '京ICP备12345678号-1' })).toHaveAttribute('href', 'https://beian.miit.gov.cn/');
  await expect(footer.getByRole('link', { name: '京公网安备 11010502030143号' })).toHaveAttribute(
    'href',
    'https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143',
  );
});
