import { expect, test, type Browser, type APIRequestContext } from '@playwright/test';
import { SLUG, articlePath, expectNoSeriousA11yViolations, waitForHydration } from './helpers';
import { query } from './support/database';
import { apiReader, unique } from './support/readers';

// The pages of issue 14 walked as a reader on a 375 px phone.
test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

const DB = () => process.env.E2E_DATABASE_URL!;
const esc = (s: string) => s.replace(/'/g, "''");
const accountId = (name: string) => query(DB(), `select id from accounts where username = '${esc(name)}'`)[0]![0]!;
const comments = (page: import('@playwright/test').Page) => page.getByRole('region', { name: /^评论/ });

/** A browser context signed in as the API reader `request` made. */
async function signedIn(browser: Browser, request: APIRequestContext) {
  return browser.newContext({ storageState: await request.storageState(), viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
}

test.describe('comments at 375 px', () => {
  test.describe.configure({ mode: 'serial' });

  test('ten a page, long ones folded, paging in the URL keeps the reader at the comments; 举报 asks why and confirms', async ({
    page,
    browser,
    playwright,
    baseURL,
  }) => {
    const writerRequest = await playwright.request.newContext({ baseURL: baseURL! });
    const writer = await apiReader(writerRequest, baseURL!, unique('fold'));
    const id = accountId(writer);
    const tag = unique('p');
    const long = Array.from({ length: 12 }, (_, i) => `${tag} 长评论第${i + 1}行`).join('\n');
    // Dated far ahead so they are the newest whatever else the suite has approved: 12 approved, the last one long.
    query(
      DB(),
      `insert into comments (account_id, article_slug, body, body_hash, status, created_at)
         select ${id}, '${SLUG}', '${tag} 第' || n || '条', md5('${tag}' || n), 'approved',
                timestamp with time zone '2100-01-01 00:00:00+00' + n * interval '1 minute'
           from generate_series(1, 11) n;
       insert into comments (account_id, article_slug, body, body_hash, status, created_at)
         values (${id}, '${SLUG}', '${esc(long)}', md5('${tag}long'), 'approved', '2100-01-02T00:00:00Z')`,
    );
    const reporterRequest = await playwright.request.newContext({ baseURL: baseURL! });
    await apiReader(reporterRequest, baseURL!, unique('rep'));
    const context = await signedIn(browser, reporterRequest);
    try {
      await page.goto(articlePath());
      await waitForHydration(page);
      const mine = comments(page).getByRole('listitem').filter({ hasText: tag });
      await expect(mine).toHaveCount(10);
      await expect(comments(page).locator('.comment-list > li')).toHaveCount(10);

      // The long comment is folded after a few lines; 展开 shows it all, 收起 folds it again.
      const folded = mine.first();
      const expand = folded.getByRole('button', { name: '展开' });
      await expect(expand).toHaveAttribute('aria-expanded', 'false');
      const foldedHeight = (await folded.locator('.comment-body').boundingBox())!.height;
      await expand.click();
      await expect(folded.getByRole('button', { name: '收起' })).toHaveAttribute('aria-expanded', 'true');
      expect((await folded.locator('.comment-body').boundingBox())!.height).toBeGreaterThan(foldedHeight * 1.5);
      // A short comment has nothing to unfold.
      await expect(mine.nth(1).getByRole('button', { name: '展开' })).toHaveCount(0);

      // Page 2 is in the address, and the reader stays at the comments.
      await comments(page).getByRole('navigation').getByRole('link', { name: '下一页' }).click();
      await expect(page).toHaveURL(`${articlePath()}?comments=2#comments`);
      await expect(comments(page).getByText(/^第 2 \/ \d+ 页$/)).toBeVisible();
      await expect(mine).toHaveCount(2);
      await expect(mine.first()).toContainText(`${tag} 第2条`);
      await expect(comments(page).getByRole('heading', { level: 2 })).toBeInViewport();
      // A reload, or a link shared, opens the same page of comments.
      await page.reload();
      await expect(comments(page).getByText(/^第 2 \/ \d+ 页$/)).toBeVisible();
      await expect(mine.first()).toContainText(`${tag} 第2条`);
      await expect(comments(page).getByRole('heading', { level: 2 })).toBeInViewport();
      // 上一页 and the browser's Back move between pages of comments the same way.
      await comments(page).getByRole('navigation').getByRole('link', { name: '上一页' }).click();
      await expect(page).toHaveURL(`${articlePath()}#comments`);
      await expect(mine).toHaveCount(10);
      await page.goBack();
      await expect(page).toHaveURL(`${articlePath()}?comments=2#comments`);
      await expect(mine).toHaveCount(2);

      // 举报 from another reader: a sheet with the rules' categories and a confirm.
      const reader = await context.newPage();
      await reader.goto(articlePath());
      await waitForHydration(reader);
      const target = comments(reader)
        .getByRole('listitem')
        .filter({ hasText: `${tag} 第11条` });
      await target.getByRole('button', { name: '举报' }).click();
      const sheet = reader.getByRole('dialog', { name: '举报这条评论' });
      await expect(sheet).toBeVisible();
      await expect(sheet.getByRole('radio', { name: '发布垃圾广告信息' })).toBeVisible();
      await expectNoSeriousA11yViolations(reader, { include: 'dialog', label: 'the 举报 sheet' });
      // 取消 reports nothing.
      await sheet.getByRole('button', { name: '取消' }).click();
      await expect(sheet).toBeHidden();
      await target.getByRole('button', { name: '举报' }).click();
      await sheet.getByRole('button', { name: '确认举报' }).click();
      await expect(sheet.getByRole('alert')).toHaveText('请选择违规类型。');
      expect(query(DB(), `select count(*) from comment_reports r join comments c on c.id = r.comment_id where c.account_id = ${id}`)[0]![0]).toBe('0');
      await sheet.getByRole('radio', { name: '发布垃圾广告信息' }).check();
      await sheet.getByRole('button', { name: '确认举报' }).click();
      await expect(sheet).toBeHidden();
      await expect(target.getByRole('status')).toHaveText('已举报，感谢你的反馈。');
      expect(query(DB(), `select r.reason from comment_reports r join comments c on c.id = r.comment_id where c.account_id = ${id}`)).toEqual([['spam']]);
    } finally {
      // Other files count the article's approved comments.
      query(DB(), `delete from comments where account_id = ${id}`);
      await Promise.all([context.close(), writerRequest.dispose(), reporterRequest.dispose()]);
    }
  });

  test("the author sees a rejected comment in place with the rules' reason, and times as 「3 分钟前」", async ({ browser, playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL: baseURL! });
    const author = await apiReader(request, baseURL!, unique('rej'));
    const id = accountId(author);
    const tag = unique('r');
    query(
      DB(),
      `insert into comments (account_id, article_slug, body, body_hash, status, reason, created_at) values
         (${id}, '${SLUG}', '${tag} 被驳回的评论', md5('${tag}r'), 'rejected', 'spam', now() - interval '3 minutes 10 seconds'),
         (${id}, '${SLUG}', '${tag} 等待审核的评论', md5('${tag}p'), 'pending', null, now() - interval '2 hours 5 minutes')`,
    );
    const context = await signedIn(browser, request);
    try {
      const page = await context.newPage();
      // The static page carries no time of any comment: they come after load, in the browser's words.
      const html = await (await request.get(articlePath())).text();
      expect(html).not.toContain(tag);
      await page.goto(articlePath());
      const rejected = comments(page)
        .getByRole('listitem')
        .filter({ hasText: `${tag} 被驳回的评论` });
      await expect(rejected.locator('.badge')).toHaveText('未通过：发布垃圾广告信息');
      await expect(rejected.locator('time')).toHaveText('3 分钟前');
      await expect(rejected.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const waiting = comments(page)
        .getByRole('listitem')
        .filter({ hasText: `${tag} 等待审核的评论` });
      await expect(waiting.locator('.badge')).toHaveText('审核中');
      await expect(waiting.locator('time')).toHaveText('2 小时前');
      // Nobody else sees either.
      const other = await browser.newPage();
      await other.goto(articlePath());
      await expect(comments(other).locator('.comment-list')).toBeVisible();
      await expect(comments(other).getByText(tag)).toHaveCount(0);
      await other.close();
      await expectNoSeriousA11yViolations(page, { include: '#comments', label: 'comments with a rejected one' });
    } finally {
      query(DB(), `delete from comments where account_id = ${id}`);
      await Promise.all([context.close(), request.dispose()]);
    }
  });
});
