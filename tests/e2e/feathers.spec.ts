import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { SLUG, articlePath, expectNoSeriousA11yViolations, waitForHydration, waitForHydrationOf } from './helpers';
import { books, query } from './support/database';
import { admin, apiReader, post, signUpThroughUi, unique } from './support/readers';

const DB = () => process.env.E2E_DATABASE_URL!;
const GIFT = 'xinstall-15-day-membership'; // 20 feathers
const DEAR_GIFT = 'sf-express-20-yuan-coupon'; // 30 feathers

const balanceIn = (page: Page) => page.getByRole('banner').locator('.balance');

async function balanceOf(request: APIRequestContext): Promise<number> {
  return (await (await request.get('/api/reader-state')).json()).account.feathers;
}

test('the quiz pays +5 once for the right answer; a wrong answer gets nothing', async ({ page, browser }) => {
  await signUpThroughUi(page, unique('quiz'));
  await waitForHydration(page);
  await expect(balanceIn(page)).toHaveText('羽毛 0');
  const quiz = page.getByRole('region', { name: '阅读测验' });
  await quiz.getByRole('radio', { name: '用户获取和用户维系' }).check();
  await quiz.getByRole('button', { name: '提交答案' }).click();
  await expect(quiz.getByRole('status')).toHaveText('恭喜你~答对了 +5羽毛');
  await expect(balanceIn(page)).toHaveText('羽毛 5');
  await page.reload();
  await expect(quiz.getByRole('status')).toHaveText('你已答对这道题。');
  await expect(quiz.getByRole('button', { name: '已作答' })).toBeDisabled();
  await expect(balanceIn(page)).toHaveText('羽毛 5');

  const other = await browser.newContext();
  const second = await other.newPage();
  await signUpThroughUi(second, unique('wrong'));
  const quiz2 = second.getByRole('region', { name: '阅读测验' });
  await quiz2.getByRole('radio', { name: '货源和定价' }).check();
  await quiz2.getByRole('button', { name: '提交答案' }).click();
  await expect(quiz2.getByRole('status')).toHaveText('答错了。正确答案已在上面标出。');
  await expect(balanceIn(second)).toHaveText('羽毛 0');
  await other.close();
});

test('how to use a gift is not in the article or the mall page (the redeem answer brings it)', async ({ request }) => {
  for (const path of [articlePath(), '/mall']) {
    const html = await (await request.get(path)).text();
    expect(html, path).toContain('Xinstall 15天会员特权');
    expect(html, path).not.toContain('登录 Xinstall 官网');
  }
});

test('the right answer is not in the page', async ({ request }) => {
  const html = await (await request.get(articlePath())).text();
  expect(html).toContain('用户获取和用户维系');
  expect(html).not.toMatch(/"answer"|data-answer|answer:/);
});

test('operator grant → redeem a gift (code, balance, stock) → a gift too dear says 还差 N 羽毛', async ({ page, baseURL }) => {
  const name = unique('buyer');
  await signUpThroughUi(page, name);
  expect(await admin('grant-feathers', name, '45', '--reason', '活动奖励')).toContain(`${name} now has 45 feathers.`);

  await page.goto('/mall');
  await expect(balanceIn(page)).toHaveText('羽毛 45');
  await expectNoSeriousA11yViolations(page, { label: '/mall' });
  const gift = page.locator(`#gift-${GIFT}`);
  const before = Number(/剩余 (\d+) 件/.exec((await gift.textContent()) ?? '')![1]);
  await gift.getByRole('button', { name: '立即兑换' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('确认要消耗 20 羽毛兑换《Xinstall 15天会员特权》吗？');
  await expectNoSeriousA11yViolations(page, { label: 'confirm dialog' });
  await dialog.getByRole('button', { name: '确认兑换' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^兑换成功！《Xinstall 15天会员特权》的兑换码：[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  // How to use the code, from content/gifts.md, beside it: it came with the redeem answer, as the page does not carry it.
  await expect(dialog).toContainText('使用方法：登录 Xinstall 官网，在“个人中心 → 兑换会员”输入兑换码');
  const code = /([A-Z2-9-]{14})$/.exec((await dialog.getByRole('status').textContent())!)![1]!;
  await expect(balanceIn(page)).toHaveText('羽毛 25');
  await dialog.getByRole('button', { name: '我知道了' }).click();
  await expect(gift).toContainText(`剩余 ${before - 1} 件`);

  // Too dear: 25 feathers, a 30-feather gift, from beside the article.
  await page.goto(articlePath());
  await waitForHydration(page);
  // Once the reader's balance is known, no live button that can only fail: what is missing instead.
  await expect(page.locator(`#gift-${DEAR_GIFT}`)).toContainText('还差 5 羽毛');
  await expect(page.locator(`#gift-${DEAR_GIFT}`).getByRole('button', { name: '立即兑换' })).toHaveCount(0);
  // A balance spent elsewhere meanwhile (another tab: 20 of the 25): the page still offers
  // 立即兑换 for the 20-feather gift, the server refuses, and the 羽毛不足 dialog says what
  // the reader has now and how to earn more.
  const elsewhere = await post(page.request, baseURL!, `/api/gifts/${GIFT}/redeem`, { key: `elsewhere-${Date.now()}-abcdefgh` });
  expect(elsewhere.status()).toBe(200);
  const affordable = page.locator(`#gift-${GIFT}`);
  await affordable.getByRole('button', { name: '立即兑换' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认兑换' }).click();
  const short = page.getByRole('dialog');
  await expect(short).toContainText('很遗憾，羽毛不足');
  await expect(short).toContainText('你现在有 5 羽毛。');
  await expect(short.getByRole('link', { name: '如何获得羽毛' })).toHaveAttribute('href', '/mall#mall-earn');
  await expectNoSeriousA11yViolations(page, { label: '羽毛不足 dialog' });
  await short.getByRole('button', { name: '我知道了' }).click();
  await expect(short).toHaveCount(0);
  await expect(balanceIn(page)).toHaveText('羽毛 5');
  await expect(affordable).toContainText('还差 15 羽毛');

  await page.goto('/me');
  await expect(page.getByRole('region', { name: '我的兑换' })).toContainText(code);
  await expect(page.getByRole('region', { name: '我的兑换' })).toContainText('Xinstall 15天会员特权');
  await expect(page.getByRole('region', { name: '我的兑换' })).toContainText('使用方法：登录 Xinstall 官网');
  const rows = page.getByRole('region', { name: '羽毛明细' }).getByRole('listitem');
  await expect(rows).toHaveCount(3);
  for (const i of [0, 1]) {
    await expect(rows.nth(i)).toContainText('兑换礼品');
    await expect(rows.nth(i)).toContainText('−20');
  }
  await expect(rows.nth(2)).toContainText('运营调整（活动奖励）');
  await expect(rows.nth(2)).toContainText('+45');
  await expectNoSeriousA11yViolations(page, { label: '/me with a ledger' });
  expect(books(name)).toEqual({ balance: 5, ledgerSum: 5 });
});

test('beside the article each gift shows what is left once the reader state is in, not in the page; one fewer after a redemption', async ({
  page,
  request,
}) => {
  // The page is the same bytes for everyone: no number of what is left in it (the words' template only).
  expect(await (await request.get(articlePath())).text()).not.toMatch(/剩余 \d+ 件/);
  const name = unique('stock');
  await signUpThroughUi(page, name);
  await admin('grant-feathers', name, '30', '--reason', 'e2e stock');
  await page.reload();
  await waitForHydration(page);
  const gift = page.locator(`#gift-${DEAR_GIFT}`);
  await expect(gift).toContainText(/剩余 \d+ 件/);
  const left = () => Number(query(DB(), `select 100 - coalesce((select redeemed from gift_stock where gift_id = '${DEAR_GIFT}'), 0)`)[0]![0]);
  const before = left();
  await expect(gift).toContainText(`剩余 ${before} 件`);
  await gift.getByRole('button', { name: '立即兑换' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认兑换' }).click();
  await expect(page.getByRole('dialog').getByRole('status')).toContainText('兑换成功');
  await page.getByRole('dialog').getByRole('button', { name: '我知道了' }).click();
  await expect(gift).toContainText(`剩余 ${before - 1} 件`);
  await page.reload();
  await expect(gift).toContainText(`剩余 ${before - 1} 件`);
});

test('a signed-out reader who tries to redeem signs in first: over the mall, or on the sign-in page without JavaScript', async ({ page, browser }) => {
  await page.goto('/mall');
  await waitForHydrationOf(page, `#gift-${GIFT} form`);
  await expect(page.getByRole('link', { name: '登录后查看' })).toBeVisible();
  await page.locator(`#gift-${GIFT}`).getByRole('button', { name: '立即兑换' }).click();
  const sheet = page.getByRole('dialog', { name: '登录' });
  await expect(sheet).toContainText('登录后即可兑换礼品');
  await sheet.getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).toHaveURL('/mall');

  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await noJs.goto('/mall');
  await noJs.locator(`#gift-${GIFT}`).getByRole('button', { name: '立即兑换' }).click();
  await expect(noJs).toHaveURL(`/sign-in?next=${encodeURIComponent('/mall')}`);
  await plain.close();
});

test('share link: each distinct reader earns the sharer +5 (at most 15); a sign-up through it +10', async ({ page, browser, baseURL }) => {
  const sharer = unique('sharer');
  await signUpThroughUi(page, sharer);
  const code = (await (await page.request.get('/api/reader-state')).json()).account.referralCode as string;

  // The sharer's own visit does not count.
  await page.goto(`${articlePath()}?ref=${code}`);
  await expect(page).toHaveURL(articlePath()); // the code leaves the address bar
  expect(await balanceOf(page.request)).toBe(0);

  const visitor = await browser.newContext();
  const vpage = await visitor.newPage();
  await vpage.goto(`${articlePath()}?ref=${code}`);
  await expect.poll(() => balanceOf(page.request)).toBe(5);
  await vpage.goto(`${articlePath()}?ref=${code}`); // the same visitor again
  await vpage.waitForTimeout(500);
  expect(await balanceOf(page.request)).toBe(5);

  // The visitor signs up: the referral pays +10.
  await signUpThroughUi(vpage, unique('referred'));
  await expect.poll(() => balanceOf(page.request)).toBe(15);
  await visitor.close();

  // Three more distinct readers: the share reward stops at +15.
  for (let i = 0; i < 3; i++) {
    const c = await browser.newContext();
    const p = await c.newPage();
    // The visit is reported once the reader's state is known, after the code has left the
    // address bar: wait for that report before the reader goes.
    const reported = p.waitForResponse((r) => r.url().endsWith('/api/share-visits') && r.request().method() === 'POST');
    await p.goto(`${baseURL}${articlePath()}?ref=${code}`);
    await p.waitForURL(`**${articlePath()}`);
    expect((await reported).ok()).toBe(true);
    await c.close();
  }
  await expect.poll(() => balanceOf(page.request)).toBe(25);
  await page.waitForTimeout(500);
  expect(await balanceOf(page.request)).toBe(25);
  expect(books(sharer)).toEqual({ balance: 25, ledgerSum: 25 });
});

test('bad values get a 4xx with a message and change nothing', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL: baseURL! });
  const name = await apiReader(request, baseURL!);
  await admin('grant-feathers', name, '100', '--reason', 'e2e');
  const key = 'k'.repeat(24);
  const cases: Array<[string, Record<string, string>, number, string]> = [
    [`/api/gifts/${GIFT}/redeem`, { key: 'short' }, 400, '提交的内容无效。'],
    [`/api/gifts/${GIFT}/redeem`, {}, 400, '提交的内容无效。'],
    ['/api/gifts/no-such-gift/redeem', { key }, 404, '没有这件礼品。'],
    [`/api/articles/${SLUG}/quiz`, { choice: '0' }, 400, '请选择一个选项。'],
    [`/api/articles/${SLUG}/quiz`, { choice: '9' }, 400, '请选择一个选项。'],
    [`/api/articles/${SLUG}/quiz`, { choice: '-1' }, 400, '请选择一个选项。'],
    [`/api/articles/${SLUG}/quiz`, { choice: '1.5' }, 400, '请选择一个选项。'],
    [`/api/articles/${SLUG}/quiz`, { choice: '99999999999999999999' }, 400, '请选择一个选项。'],
    [`/api/gifts/${GIFT}/redeem`, { key: 'x'.repeat(65) }, 400, '提交的内容无效。'],
    ['/api/articles/no-such-article/quiz', { choice: '1' }, 404, '没有这篇文章。'],
  ];
  for (const [path, form, status, message] of cases) {
    const res = await post(request, baseURL!, path, form);
    expect(res.status(), `${path} ${JSON.stringify(form)}`).toBe(status);
    expect((await res.json()).message).toBe(message);
  }
  const forged = await post(request, baseURL!, `/api/gifts/${GIFT}/redeem`, { key }, { origin: 'https://evil.example' });
  expect(forged.status()).toBe(403);
  expect(books(name)).toEqual({ balance: 100, ledgerSum: 100 });
  expect(query(DB(), `select count(*) from redemptions r join accounts a on a.id = r.account_id where a.username = '${name}'`)[0]![0]).toBe('0');

  // The same key ten times: one redemption, one ledger entry.
  const replies = [];
  for (let i = 0; i < 10; i++) replies.push(await (await post(request, baseURL!, `/api/gifts/${GIFT}/redeem`, { key })).json());
  expect(new Set(replies.map((r) => r.redemption.code)).size).toBe(1);
  expect(books(name)).toEqual({ balance: 80, ledgerSum: 80 });

  // Someone else's key is only a key: it makes the other reader's own attempt (here
  // refused, they have no feathers) and never touches this reader's redemption.
  const other = await playwright.request.newContext({ baseURL: baseURL! });
  const otherName = await apiReader(other, baseURL!);
  const theirs = await post(other, baseURL!, `/api/gifts/${GIFT}/redeem`, { key });
  expect(theirs.status()).toBe(409);
  expect((await theirs.json()).code).toBe('feathers_short');
  expect(books(otherName)).toEqual({ balance: 0, ledgerSum: 0 });
  expect(books(name)).toEqual({ balance: 80, ledgerSum: 80 });
  await Promise.all([request.dispose(), other.dispose()]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the mall form redeems and shows the code', async ({ page }) => {
    const name = unique('njb');
    await page.goto('/sign-up?next=/mall');
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码').fill('correct horse 1');
    await page.getByRole('checkbox', { name: /用户协议/ }).check();
    await page.getByRole('button', { name: '注册并登录' }).click();
    await admin('grant-feathers', name, '20', '--reason', 'e2e');
    await page.goto('/mall');
    await page.locator(`#gift-${GIFT}`).getByRole('button', { name: '立即兑换' }).click();
    await expect(page.getByRole('status')).toHaveText(/^兑换成功！《Xinstall 15天会员特权》的兑换码：[A-Z2-9-]{14}。使用方法：登录 Xinstall 官网/);
    expect(books(name)).toEqual({ balance: 0, ledgerSum: 0 });
  });
});
