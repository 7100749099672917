import { expect, test, type Browser, type APIRequestContext } from '@playwright/test';
import { SLUG, articlePath, expectNoSeriousA11yViolations, keepScreenshot, waitForHydration } from './helpers';
import { query } from './support/database';
import { admin, apiReader, post, unique } from './support/readers';

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
      await reader.emulateMedia({ colorScheme: 'dark' });
      await expectNoSeriousA11yViolations(reader, { include: 'dialog', label: 'the 举报 sheet (dark)' });
      await reader.emulateMedia({ colorScheme: 'light' });
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
      await expect(comments(other).locator('.comment-list')).toBeAttached(); // loaded (empty or not)
      await expect(comments(other).getByText(tag)).toHaveCount(0);
      await other.close();
      await expectNoSeriousA11yViolations(page, { include: '#comments', label: 'comments with a rejected one' });
    } finally {
      query(DB(), `delete from comments where account_id = ${id}`);
      await Promise.all([context.close(), request.dispose()]);
    }
  });
});

/** A new reader made a moderator, with a page of their own at 375 px. */
async function moderatorPage(
  browser: Browser,
  playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } },
  baseURL: string,
) {
  const request = await playwright.request.newContext({ baseURL });
  const name = await apiReader(request, baseURL, unique('mod'));
  expect(await admin('grant-moderator', name)).toContain('is now a moderator');
  const context = await signedIn(browser, request);
  return { name, request, context, page: await context.newPage() };
}

test.describe('建议反馈 at 375 px', () => {
  test('an appeal from beside a rejected comment reaches the console; the moderator restores it, +10 once; the reader sees the answer', async ({
    browser,
    playwright,
    baseURL,
  }, testInfo) => {
    const request = await playwright.request.newContext({ baseURL: baseURL! });
    const author = await apiReader(request, baseURL!, unique('appeal'));
    const id = accountId(author);
    const tag = unique('a');
    const [[commentId]] = query(
      DB(),
      `insert into comments (account_id, article_slug, body, body_hash, status, reason, created_at)
         values (${id}, '${SLUG}', '${tag} 其实不是广告', md5('${tag}'), 'rejected', 'spam', '2101-01-01T00:00:00Z') returning id`,
    ) as [[string]];
    const context = await signedIn(browser, request);
    const mod = await moderatorPage(browser, playwright, baseURL!);
    try {
      const page = await context.newPage();
      await page.goto(articlePath());
      const rejected = comments(page)
        .getByRole('listitem')
        .filter({ hasText: `${tag} 其实不是广告` });
      await rejected.getByRole('link', { name: '申诉这条评论' }).click();
      await expect(page).toHaveURL(`/feedback?comment=${commentId}`);
      await expect(page.getByRole('heading', { level: 1, name: '建议反馈' })).toBeVisible();
      await expect(page.getByText('申诉：被驳回或移除的评论')).toBeVisible();
      await expect(page.locator('.contested')).toContainText(`${tag} 其实不是广告`);
      await expectNoSeriousA11yViolations(page, { label: '/feedback (an appeal)' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.emulateMedia({ colorScheme: 'dark' });
      await expectNoSeriousA11yViolations(page, { label: '/feedback (an appeal, dark)' });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.getByLabel('内容').fill('我只是分享了自己的经验，没有任何推广。');
      await page.getByRole('button', { name: '提交' }).click();
      await expect(page.getByRole('status')).toHaveText('已收到你的建议反馈。管理员回复后会通知你。');

      await mod.page.goto('/moderation');
      const queue = mod.page.getByRole('region', { name: '建议反馈' });
      const item = queue.getByRole('listitem').filter({ hasText: author });
      await expect(item).toContainText('申诉：被驳回或移除的评论');
      await expect(item).toContainText('我只是分享了自己的经验');
      await expect(item.locator('.contested')).toContainText('已驳回：发布垃圾广告信息');
      await expect(item.getByRole('button', { name: '回复并解除禁言' })).toHaveCount(0);
      await item.getByLabel('回复').fill('已复核，评论已恢复。');
      await item.getByRole('button', { name: '回复并恢复评论' }).click();
      await expect(mod.page).toHaveURL('/moderation?answered=1#feedback');
      await expect(mod.page.getByRole('status')).toHaveText('已回复。');
      await expect(queue.getByText('我只是分享了自己的经验')).toHaveCount(0);
      // The answer's form again (a double submit, a Back and resend): nothing more is paid.
      const again = await post(mod.request, baseURL!, '/api/moderation/feedback', {
        id: query(DB(), `select id from feedback where account_id = ${id}`)[0]![0]!,
        action: 'restore',
        answer: '再来一次',
      });
      expect(again.status()).toBe(404);
      expect(query(DB(), `select delta from ledger where account_id = ${id} and reason = 'comment_restored'`)).toEqual([['10']]);

      await page.goto('/me');
      await expect(page.locator('.balance-card')).toContainText('我的羽毛 10');
      const answers = page.getByRole('region', { name: '我的反馈' });
      await expect(answers.getByRole('listitem')).toContainText('管理员回复：已复核，评论已恢复。');
      await expect(answers.getByRole('listitem')).toContainText('评论已恢复');
      await expect(page.getByRole('region', { name: '通知' })).toContainText('管理员回复了你的申诉，你的评论已恢复，获得 10 羽毛。');
      await expect(page.getByRole('region', { name: '羽毛明细' }).getByRole('listitem').first()).toContainText('评论申诉后恢复');
      await keepScreenshot(page, testInfo, 'me-after-appeal-375', { fullPage: true });

      const other = await browser.newPage();
      await other.goto(articlePath());
      await expect(comments(other).getByText(`${tag} 其实不是广告`)).toBeVisible();
      await other.close();
    } finally {
      query(DB(), `delete from comments where account_id = ${id}`);
      await Promise.all([context.close(), request.dispose(), mod.context.close(), mod.request.dispose()]);
    }
  });

  test('a ban appeal lifts the ban; the footer and /me link to 建议反馈', async ({ browser, playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL: baseURL! });
    const author = await apiReader(request, baseURL!, unique('banap'));
    const mod = await moderatorPage(browser, playwright, baseURL!);
    const banned = await post(mod.request, baseURL!, '/api/moderation/ban', { accountId: accountId(author), days: '7', reason: 'spam' });
    expect(banned.status()).toBe(200);
    const context = await signedIn(browser, request);
    try {
      const page = await context.newPage();
      await page.goto(articlePath());
      await expect(page.getByRole('contentinfo').getByRole('link', { name: '建议反馈' })).toHaveAttribute('href', '/feedback');
      await page.goto('/me');
      await page.getByRole('region', { name: '我的评论' }).getByRole('link', { name: '申诉禁言' }).click();
      await expect(page).toHaveURL('/feedback?ban=1');
      await expect(page.getByText('申诉：禁言')).toBeVisible();
      await page.getByLabel('内容').fill('我会遵守社区公约。');
      await page.getByRole('button', { name: '提交' }).click();
      await expect(page.getByRole('status')).toHaveText('已收到你的建议反馈。管理员回复后会通知你。');

      await mod.page.goto('/moderation');
      const item = mod.page.getByRole('region', { name: '建议反馈' }).getByRole('listitem').filter({ hasText: author });
      await expect(item).toContainText('该用户正在禁言中');
      await item.getByLabel('回复').fill('已解除，请遵守公约。');
      await item.getByRole('button', { name: '回复并解除禁言' }).click();
      await expect(mod.page.getByRole('status')).toHaveText('已回复。');

      await page.goto('/me');
      await expect(page.getByRole('region', { name: '我的评论' }).getByText(/你已被禁言/)).toHaveCount(0);
      await expect(page.getByRole('region', { name: '我的反馈' })).toContainText('禁言已解除');
      await expect(page.getByRole('region', { name: '通知' })).toContainText('管理员回复了你的申诉，你的禁言已解除。');
      expect((await post(request, baseURL!, `/api/articles/${SLUG}/comments`, { acceptRules: 'on', body: `解禁后 ${Date.now()}` })).status()).toBe(200);
    } finally {
      query(DB(), `delete from comments where account_id = ${accountId(author)}`);
      await Promise.all([context.close(), request.dispose(), mod.context.close(), mod.request.dispose()]);
    }
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('a suggestion is a plain form; an empty one is refused with a message', async ({ browser, playwright, baseURL }) => {
      const request = await playwright.request.newContext({ baseURL: baseURL! });
      const name = await apiReader(request, baseURL!, unique('sugg'));
      const context = await browser.newContext({ storageState: await request.storageState(), javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
      try {
        const page = await context.newPage();
        await page.goto('/feedback');
        await expect(page.getByRole('radio', { name: '建议' })).toBeChecked();
        await page.getByLabel('内容').fill('希望增加夜间模式的开关。');
        await page.getByRole('button', { name: '提交' }).click();
        await expect(page.getByRole('status')).toHaveText('已收到你的建议反馈。管理员回复后会通知你。');
        expect(query(DB(), `select kind, body, status from feedback f join accounts a on a.id = f.account_id where a.username = '${name}'`)).toEqual([
          ['suggestion', '希望增加夜间模式的开关。', 'open'],
        ]);
        const blank = await post(request, baseURL!, '/api/feedback', { kind: 'suggestion', body: '   ' });
        expect(blank.status()).toBe(400);
        expect((await blank.json()).message).toBe('请写下你的建议或申诉。');
        // A signed-out reader is sent to sign in and back.
        const anonymous = await browser.newContext({ javaScriptEnabled: false });
        const out = await anonymous.newPage();
        await out.goto('/feedback?comment=5');
        await expect(out).toHaveURL(`/sign-in?next=${encodeURIComponent('/feedback?comment=5')}`);
        await anonymous.close();
      } finally {
        await Promise.all([context.close(), request.dispose()]);
      }
    });
  });
});

test.describe('the moderation console at 375 px', () => {
  test('one row per comment: 通过 and 驳回 at hand, 禁言 behind 更多; labelled 44 px boxes; a message after each action; a translated refusal', async ({
    browser,
    playwright,
    baseURL,
  }, testInfo) => {
    const request = await playwright.request.newContext({ baseURL: baseURL! });
    const writer = await apiReader(request, baseURL!, unique('queue'));
    const tag = unique('q');
    for (const n of [1, 2])
      expect((await post(request, baseURL!, `/api/articles/${SLUG}/comments`, { acceptRules: 'on', body: `${tag} 待审 ${n}` })).status()).toBe(200);
    const mod = await moderatorPage(browser, playwright, baseURL!);
    try {
      const page = mod.page;
      await page.goto('/moderation');
      const item = page.getByRole('listitem').filter({ hasText: `${tag} 待审 1` });
      await expect(item.getByRole('button', { name: '通过' })).toBeVisible();
      await expect(item.getByRole('button', { name: '驳回' })).toBeVisible();
      await expect(item.getByRole('button', { name: '禁言该用户' })).toBeHidden();
      const box = item.getByRole('checkbox', { name: `选择 ${writer} 的评论` });
      const area = (await item.locator('.select-box').boundingBox())!;
      expect(area.width).toBeGreaterThanOrEqual(44);
      expect(area.height).toBeGreaterThanOrEqual(44);
      // The page fits the phone: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoSeriousA11yViolations(page, { label: '/moderation at 375 px' });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        if (scheme === 'dark') await expectNoSeriousA11yViolations(page, { label: '/moderation at 375 px (dark)' });
        await keepScreenshot(page, testInfo, `moderation-queue-375-${scheme}`, { fullPage: true });
      }
      await page.emulateMedia({ colorScheme: 'light' });

      // 批量通过 with nothing selected: the console again, saying so in its own words.
      await page.getByRole('button', { name: '批量通过' }).click();
      await expect(page).toHaveURL('/moderation?error=no_selection#queue');
      await expect(page.locator('#moderation-status')).toHaveText('操作未完成：请至少选择一条评论。');
      await expect(page.locator('#moderation-status')).toHaveAttribute('role', 'alert');
      await expect(page.getByRole('heading', { level: 1, name: '评论审核' })).toBeVisible();

      await box.check();
      await page
        .getByRole('listitem')
        .filter({ hasText: `${tag} 待审 2` })
        .getByRole('checkbox')
        .check();
      await page.getByRole('button', { name: '批量通过' }).click();
      await expect(page).toHaveURL('/moderation?done=2#queue');
      await expect(page.getByRole('status')).toHaveText('已处理 2 条评论。');
      await expect(page.getByText(`${tag} 待审`)).toHaveCount(0);

      // Further down the queue (?after=), an action comes back to the same page of it.
      expect((await post(request, baseURL!, `/api/articles/${SLUG}/comments`, { acceptRules: 'on', body: `${tag} 待审 3` })).status()).toBe(200);
      const third = Number(query(DB(), `select id from comments where body = '${tag} 待审 3'`)[0]![0]);
      await page.goto(`/moderation?after=${third - 1}`);
      await page
        .getByRole('listitem')
        .filter({ hasText: `${tag} 待审 3` })
        .getByRole('button', { name: '通过' })
        .click();
      await expect(page).toHaveURL(`/moderation?after=${third - 1}&done=1#queue`);
      await expect(page.getByRole('status')).toHaveText('已处理 1 条评论。');
      await expect(page.getByText(`${tag} 待审 3`)).toHaveCount(0);
    } finally {
      query(DB(), `delete from comments where account_id = ${accountId(writer)}`);
      await Promise.all([request.dispose(), mod.context.close(), mod.request.dispose()]);
    }
  });

  test("a signed-in reader who is not a moderator gets the site's own translated 404", async ({ browser, playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL: baseURL! });
    await apiReader(request, baseURL!, unique('notmod'));
    const context = await signedIn(browser, request);
    try {
      const page = await context.newPage();
      expect((await page.goto('/moderation'))?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
      expect((await page.goto('/en/moderation'))?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    } finally {
      await Promise.all([context.close(), request.dispose()]);
    }
  });
});

test.describe('/me at 375 px', () => {
  test('我的: a balance card, 羽毛明细 as rows, codes with 复制', async ({ browser, playwright, baseURL }, testInfo) => {
    const request = await playwright.request.newContext({ baseURL: baseURL! });
    const name = await apiReader(request, baseURL!, unique('me'));
    expect(await admin('grant-feathers', name, '55', '--reason', '活动奖励')).toContain('55 feathers');
    const redeemed = await post(request, baseURL!, '/api/gifts/xinstall-15-day-membership/redeem', { key: `me-page-${Date.now()}-abcdefgh` });
    expect(redeemed.status()).toBe(200);
    const code: string = (await redeemed.json()).redemption.code;
    const context = await signedIn(browser, request);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
    try {
      const page = await context.newPage();
      await page.goto('/me');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的');
      await expect(page).toHaveTitle(/^我的/);
      await expect(page.locator('.balance-card')).toContainText('我的羽毛 35');
      await expect(page.locator('.balance-card').getByRole('link', { name: '如何获得羽毛' })).toHaveAttribute('href', '#me-earn');
      const rows = page.getByRole('region', { name: '羽毛明细' }).getByRole('listitem');
      await expect(rows).toHaveCount(2);
      await expect(page.getByRole('region', { name: '羽毛明细' }).getByRole('table')).toHaveCount(0);
      // The reason and time on the left, the amount on the right, on one row.
      const what = (await rows.first().locator('.ledger-what').boundingBox())!;
      const amount = (await rows.first().locator('.ledger-amount').boundingBox())!;
      expect(amount.x).toBeGreaterThan(what.x + what.width - 1);
      expect(Math.abs(amount.y + amount.height / 2 - (what.y + what.height / 2))).toBeLessThan(12);
      await expect(rows.first().locator('.ledger-amount strong')).toHaveText('−20');
      await expect(rows.last().locator('.ledger-amount strong')).toHaveText('+55');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      const copy = page.getByRole('region', { name: '我的兑换' }).getByRole('button', { name: `复制 ${code}` });
      await copy.click();
      await expect(copy).toContainText('已复制');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
      await expectNoSeriousA11yViolations(page, { label: '/me at 375 px' });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        if (scheme === 'dark') await expectNoSeriousA11yViolations(page, { label: '/me at 375 px (dark)' });
        await keepScreenshot(page, testInfo, `me-375-${scheme}`, { fullPage: true });
      }
    } finally {
      await Promise.all([context.close(), request.dispose()]);
    }
  });
});

test.describe('the mall at 375 px', () => {
  test('a balance card, 还差 N 羽毛 instead of a live button, the code with 复制 and a link to 我的兑换', async ({
    browser,
    playwright,
    baseURL,
  }, testInfo) => {
    const request = await playwright.request.newContext({ baseURL: baseURL! });
    const name = await apiReader(request, baseURL!, unique('mall'));
    expect(await admin('grant-feathers', name, '25', '--reason', '活动奖励')).toContain('25 feathers');
    const context = await signedIn(browser, request);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
    try {
      const page = await context.newPage();
      await page.goto('/mall');
      await expect(page.locator('.balance-card')).toContainText('我的羽毛 25');
      await expect(page.locator('.balance-card').getByRole('link', { name: '如何获得羽毛' })).toHaveAttribute('href', '#mall-earn');
      // 30 feathers: 5 short, no live button.
      const dear = page.locator('#gift-sf-express-20-yuan-coupon');
      await expect(dear.getByText('还差 5 羽毛')).toBeVisible();
      await expect(dear.getByRole('button', { name: '立即兑换' })).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, { label: '/mall at 375 px' });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        if (scheme === 'dark') await expectNoSeriousA11yViolations(page, { label: '/mall at 375 px (dark)' });
        await keepScreenshot(page, testInfo, `mall-375-${scheme}`, { fullPage: true });
      }
      await page.emulateMedia({ colorScheme: 'light' });
      const cheap = page.locator('#gift-xinstall-15-day-membership');
      await cheap.getByRole('button', { name: '立即兑换' }).click();
      // The confirmation and the answer, in the dark too.
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect(page.getByRole('dialog').getByRole('button', { name: '确认兑换' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, { include: 'dialog', label: 'the redeem confirmation (dark)' });
      await page.getByRole('dialog').getByRole('button', { name: '确认兑换' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText('兑换成功');
      await expectNoSeriousA11yViolations(page, { include: 'dialog', label: 'the redeemed code (dark)' });
      await page.emulateMedia({ colorScheme: 'light' });
      const code = (await dialog.locator('code').textContent())!;
      await dialog.getByRole('button', { name: /^复制/ }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
      await expect(dialog.getByRole('link', { name: '查看我的兑换' })).toHaveAttribute('href', '/me#me-redemptions');
    } finally {
      await Promise.all([context.close(), request.dispose()]);
    }
  });
});
