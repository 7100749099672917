import { expect, test, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { SLUG, articlePath, waitForHydration } from './helpers';
import { query } from './support/database';
import { admin, apiReader, PASSWORD, unique } from './support/readers';

// The sign-in sheet beyond 收藏/评分/quiz (issue 14): 立即兑换 on the mall, 评论 and 举报
// under the article. Signed out, each asks over the page, says why, and carries on.
test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

const DB = () => process.env.E2E_DATABASE_URL!;
const esc = (s: string) => s.replace(/'/g, "''");
const comments = (page: Page) => page.getByRole('region', { name: /^评论/ });
const sheetOf = (page: Page) => page.getByRole('dialog', { name: '登录' });

/** A reader made through the API, whose name the sheet is then given. */
async function existingReader({ playwright, baseURL }: { playwright: PlaywrightWorkerArgs['playwright']; baseURL: string }) {
  const api = await playwright.request.newContext({ baseURL });
  const name = await apiReader(api, baseURL);
  await api.dispose();
  return name;
}

async function signInOnSheet(page: Page, name: string) {
  const sheet = sheetOf(page);
  await sheet.getByLabel('用户名').fill(name);
  await sheet.getByLabel('密码').fill(PASSWORD);
  await sheet.getByRole('button', { name: '登录' }).click();
  await expect(sheet).toHaveCount(0);
}

test('立即兑换 on /mall signed out: the sheet says why, then the same gift asks to confirm on /mall; nothing is spent', async ({
  page,
  playwright,
  baseURL,
}) => {
  const name = await existingReader({ playwright, baseURL: baseURL! });
  // Enough for any gift: only the missing confirmation can keep it from being spent.
  await admin('grant-feathers', name, '1000', '--reason', 'e2e');
  await page.goto('/mall');
  await waitForHydration(page);
  // Known to be signed out: the balance offers to sign in.
  await expect(page.getByRole('link', { name: '登录后查看' })).toBeVisible();
  const gift = page.locator('.gifts > li').nth(1);
  const giftName = (await gift.getByRole('heading', { level: 2 }).textContent())!;
  await gift.getByRole('button', { name: '立即兑换' }).click();
  const sheet = sheetOf(page);
  await expect(sheet).toContainText('登录后即可兑换礼品，兑换前还会请你确认');
  await expect(page.getByRole('button', { name: '确认兑换' })).toHaveCount(0);
  await signInOnSheet(page, name);

  await expect(page).toHaveURL('/mall');
  const confirm = page.getByRole('dialog').filter({ hasText: '确认要消耗' });
  await expect(confirm).toContainText(`《${giftName}》`);
  await expect(confirm.getByRole('button', { name: '确认兑换' })).toBeVisible();
  await confirm.getByRole('button', { name: '考虑一下' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('banner').locator('.balance')).toHaveText('羽毛 1000');
  expect(query(DB(), `select count(*) from redemptions r join accounts a on a.id = r.account_id where a.username = '${esc(name)}'`)[0]![0]).toBe('0');
  expect(query(DB(), `select feathers from accounts where username = '${esc(name)}'`)[0]![0]).toBe('1000');
});

test('评论 signed out: the sheet says why, and once signed in the form is there to write in', async ({ page, playwright, baseURL }) => {
  const name = await existingReader({ playwright, baseURL: baseURL! });
  await page.goto(articlePath());
  await waitForHydration(page);
  await comments(page).getByRole('link', { name: '登录后发表评论' }).click();
  await expect(sheetOf(page)).toContainText('登录后即可发表评论');
  await signInOnSheet(page, name);
  await expect(page).toHaveURL(articlePath());
  await expect(comments(page).getByLabel('写评论')).toBeFocused();
});

test('举报 signed out: the sheet says why, and once signed in the reasons for that comment open', async ({ page, playwright, baseURL }) => {
  const writerApi = await playwright.request.newContext({ baseURL: baseURL! });
  const writer = await apiReader(writerApi, baseURL!, unique('said'));
  await writerApi.dispose();
  const name = await existingReader({ playwright, baseURL: baseURL! });
  const tag = unique('s');
  const id = query(DB(), `select id from accounts where username = '${esc(writer)}'`)[0]![0]!;
  // Newer than the seed's comments, older than the ones phone-pages.spec.ts dates in 2100.
  query(
    DB(),
    `insert into comments (account_id, article_slug, body, body_hash, status, created_at)
       values (${id}, '${SLUG}', '${tag} 这条评论会被举报', md5('${tag}'), 'approved', '2099-12-31T00:00:00Z')`,
  );
  try {
    await page.goto(articlePath());
    await waitForHydration(page);
    // Known to be signed out (the form is a link to sign in) before 举报 is tapped.
    await expect(comments(page).getByRole('link', { name: '登录后发表评论' })).toBeVisible();
    const target = comments(page).getByRole('listitem').filter({ hasText: tag });
    await target.getByRole('button', { name: '举报' }).click();
    await expect(sheetOf(page)).toContainText('登录后即可举报，再选择举报理由');
    await expect(page.getByRole('dialog', { name: '举报这条评论' })).toHaveCount(0);
    await signInOnSheet(page, name);

    await expect(page).toHaveURL(articlePath());
    const report = page.getByRole('dialog', { name: '举报这条评论' });
    await report.getByRole('radio', { name: '发布垃圾广告信息' }).check();
    await report.getByRole('button', { name: '确认举报' }).click();
    await expect(target.getByRole('status')).toHaveText('已举报，感谢你的反馈。');
    expect(query(DB(), `select r.reason from comment_reports r join comments c on c.id = r.comment_id where c.account_id = ${id}`)).toEqual([['spam']]);
  } finally {
    // Other files count the article's approved comments.
    query(DB(), `delete from comments where account_id = ${id}`);
  }
});
