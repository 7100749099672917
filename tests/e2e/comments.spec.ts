import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { SLUG, articlePath, expectNoSeriousA11yViolations, waitForHydration } from './helpers';
import { XSS_PAYLOADS } from './fixtures/xss-payloads';
import { query } from './support/database';
import { admin, apiReader, post, signUpThroughUi, unique } from './support/readers';

// Counts of approved comments are exact only within this file, which runs in order.
test.describe.configure({ mode: 'serial' });

const DB = () => process.env.E2E_DATABASE_URL!;
const POSTED = '评论成功且进入审核！审核通过后，您将获得10羽毛的奖励。分享本文章给好友阅读最高再得15羽毛~';
const comments = (page: Page) => page.getByRole('region', { name: /^评论/ });

async function moderator(request: APIRequestContext, origin: string): Promise<string> {
  const name = await apiReader(request, origin, unique('mod'));
  expect(await admin('grant-moderator', name)).toContain('is now a moderator');
  return name;
}

function commentIds(bodyLike: string): string[] {
  return query(DB(), `select id from comments where body like '${bodyLike.replace(/'/g, "''")}' order by id`).map((r) => r[0]!);
}

test('comment → pending for its author only → a moderator approves → others see it, the author earns 10', async ({ page, browser, playwright, baseURL }) => {
  const author = unique('writer');
  await signUpThroughUi(page, author);
  await waitForHydration(page);
  const text = `这篇文章对我很有帮助 ${Date.now()}\n第二行：https://example.com/guide`;
  await comments(page).getByLabel('写评论').fill(text);
  // The first comment asks for the 社区公约 once.
  await comments(page)
    .getByRole('checkbox', { name: /社区公约/ })
    .check();
  await comments(page).getByRole('button', { name: '发表评论' }).click();
  await expect(comments(page).getByRole('status')).toHaveText(POSTED);
  // No gap before the full-width bracket.
  await expect(comments(page).getByRole('heading', { level: 2, name: /^评论（\d+）$/ })).toBeVisible();
  const mine = comments(page).getByRole('listitem').filter({ hasText: '这篇文章对我很有帮助' });
  await expect(mine).toContainText('审核中');
  await expect(mine.getByRole('link', { name: 'https://example.com/guide' })).toHaveAttribute('rel', 'nofollow ugc noopener');

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(articlePath());
  await expect(comments(second).getByRole('heading')).toContainText('（0）');
  await expect(comments(second).getByText('这篇文章对我很有帮助')).toHaveCount(0);

  const modRequest = await playwright.request.newContext({ baseURL: baseURL! });
  const mod = await moderator(modRequest, baseURL!);
  const modContext = await browser.newContext({ storageState: await modRequest.storageState() });
  const modPage = await modContext.newPage();
  await modPage.goto('/moderation');
  await expect(modPage.getByRole('heading', { level: 1, name: '评论审核' })).toBeVisible();
  await expectNoSeriousA11yViolations(modPage, { label: '/moderation' });
  const item = modPage.getByRole('listitem').filter({ hasText: '这篇文章对我很有帮助' });
  await expect(item).toContainText(author);
  await expect(item).toContainText('电商是怎么运营的');
  await item.getByRole('button', { name: '通过' }).click();
  // Back at the same place in the queue, saying what was done.
  await expect(modPage).toHaveURL('/moderation?done=1#queue');
  await expect(modPage.getByRole('status')).toHaveText('已处理 1 条评论。');
  await expect(modPage.getByText('这篇文章对我很有帮助')).toHaveCount(0);

  await second.reload();
  await expect(comments(second).getByText(/这篇文章对我很有帮助/)).toBeVisible();
  await expect(comments(second).getByRole('heading')).toContainText('（1）');
  await page.reload();
  await expect(page.getByRole('banner').locator('.balance')).toHaveText('羽毛 10');
  void mod;
  await Promise.all([other.close(), modContext.close(), modRequest.dispose()]);
});

test('a rejected comment shows its reason on /me; a banned reader cannot post', async ({ page, browser, playwright, baseURL }) => {
  const author = unique('rejected');
  await signUpThroughUi(page, author);
  await comments(page).getByLabel('写评论').fill('加我微信买便宜货');
  await comments(page)
    .getByRole('checkbox', { name: /社区公约/ })
    .check();
  await comments(page).getByRole('button', { name: '发表评论' }).click();
  await expect(comments(page).getByRole('status')).toHaveText(POSTED);

  const modRequest = await playwright.request.newContext({ baseURL: baseURL! });
  await moderator(modRequest, baseURL!);
  const modContext = await browser.newContext({ storageState: await modRequest.storageState() });
  const modPage = await modContext.newPage();
  await modPage.goto('/moderation');
  const item = modPage.getByRole('listitem').filter({ hasText: '加我微信买便宜货' });
  await item.getByLabel('违规类型').first().selectOption({ label: '发布垃圾广告信息' });
  await item.getByRole('button', { name: '驳回' }).click();
  await expect(modPage.getByText('加我微信买便宜货')).toHaveCount(0);

  await page.goto('/me');
  const mine = page.getByRole('region', { name: '我的评论' });
  await expect(mine.getByRole('listitem').filter({ hasText: '加我微信买便宜货' })).toContainText('未通过：发布垃圾广告信息');

  // Ban them for a day from the queue (their next comment is there).
  await page.goto(articlePath());
  await expect(comments(page).getByRole('checkbox', { name: /社区公约/ })).toHaveCount(0);
  await comments(page).getByLabel('写评论').fill('我还要发');
  await comments(page).getByRole('button', { name: '发表评论' }).click();
  await expect(comments(page).getByRole('status')).toHaveText(POSTED);
  await modPage.goto('/moderation');
  const next = modPage.getByRole('listitem').filter({ hasText: '我还要发' });
  // 禁言 is behind 更多, away from 通过 and 驳回.
  await expect(next.getByLabel('禁言时长')).toBeHidden();
  await next.getByText('更多').click();
  // The lengths the rules' 违规处罚 states, read from content/rules.md.
  await expect(next.getByLabel('禁言时长').locator('option')).toHaveText(['1 天', '7 天', '15 天', '永久']);
  await next.getByLabel('禁言时长').selectOption({ label: '7 天' });
  await next.getByLabel('违规类型').last().selectOption({ label: '发布垃圾广告信息' });
  // Only what the rules state is accepted: a category or a ban length they do not have is refused.
  const nextId = query(
    DB(),
    `select c.id from comments c join accounts a on a.id = c.account_id where a.username = '${author}' and c.status = 'pending'`,
  )[0]![0]!;
  const unknownReason = await post(modRequest, baseURL!, '/api/moderation/review', { action: 'reject', ids: nextId, reason: 'rude' });
  expect(unknownReason.status()).toBe(400);
  expect((await unknownReason.json()).code).toBe('reason_required');
  const authorId = query(DB(), `select id from accounts where username = '${author}'`)[0]![0]!;
  const unknownLength = await post(modRequest, baseURL!, '/api/moderation/ban', { accountId: authorId, days: '30', reason: 'spam' });
  expect(unknownLength.status()).toBe(400);
  expect((await unknownLength.json()).code).toBe('invalid_input');
  // Its own confirmation: the browser will not send the form until the box is ticked.
  await next.getByRole('button', { name: '禁言该用户' }).click();
  await expect(modPage).toHaveURL('/moderation');
  await next.getByRole('checkbox', { name: '确认禁言该用户' }).check();
  await next.getByRole('button', { name: '禁言该用户' }).click();
  await expect(modPage.getByRole('status')).toHaveText('已禁言。');

  await page.reload();
  // The rules were accepted with the first comment: once the reader's state is in, the box goes
  // (a click before that meets the box's own required check and sends nothing).
  await expect(comments(page).getByRole('checkbox', { name: /社区公约/ })).toHaveCount(0);
  await comments(page).getByLabel('写评论').fill('被禁言了还能发吗');
  await comments(page).getByRole('button', { name: '发表评论' }).click();
  await expect(comments(page).getByRole('status')).toHaveText(/^你已被禁言，直到 .+。$/);
  // Beside the refusal, the way to contest it: 建议反馈, opened as an appeal against the ban.
  const appealBan = comments(page).getByRole('link', { name: '申诉禁言' });
  await expect(appealBan).toHaveAttribute('href', '/feedback?ban=1');
  await appealBan.click();
  await expect(page).toHaveURL('/feedback?ban=1');
  await expect(page.locator('main')).toContainText('申诉：禁言');
  expect(query(DB(), `select count(*) from comments c join accounts a on a.id = c.account_id where a.username = '${author}'`)[0]![0]).toBe('2');
  await page.goto('/me');
  await expect(page.getByRole('region', { name: '我的评论' }).getByText(/^你已被禁言，直到/)).toBeVisible();
  await Promise.all([modContext.close(), modRequest.dispose()]);
});

test("the rules' categories come with the comments list, in its locale, not with the article page", async ({ request }) => {
  expect(await (await request.get(articlePath())).text()).not.toContain('发布垃圾广告信息');
  const answer = (await (await request.get(`/api/articles/${SLUG}/comments?page=1&locale=zh-TW`)).json()) as {
    categories: Array<{ id: string; name: string }>;
  };
  // zh-TW: the rules' text converted (廣告, not 广告).
  expect(answer.categories.find((c) => c.id === 'spam')?.name).toMatch(/垃圾廣告/);
});

test('/moderation is a 404 for readers who are not moderators', async ({ page, playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL: baseURL! });
  await apiReader(request, baseURL!);
  expect((await request.get('/moderation')).status()).toBe(404);
  const forged = await post(request, baseURL!, '/api/moderation/review', { action: 'approve', ids: '1' });
  expect(forged.status()).toBe(404);
  await request.dispose();
  await page.goto('/moderation');
  await expect(page).toHaveURL('/sign-in?next=%2Fmoderation');
});

test('bad comments get a 4xx with a message and are not stored', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL: baseURL! });
  const anonymous = await post(request, baseURL!, `/api/articles/${SLUG}/comments`, { acceptRules: 'on', body: '你好' });
  expect(anonymous.status()).toBe(401);
  const name = await apiReader(request, baseURL!);
  const cases: Array<[Record<string, string>, number, string]> = [
    [{ body: '   ' }, 400, '评论不能为空。'],
    [{}, 400, '评论不能为空。'],
    [{ body: '长'.repeat(1001) }, 400, '评论最多 1000 字。'],
    [{ body: 'https://a.cn https://b.cn https://c.cn https://d.cn', locale: 'en' }, 400, 'A comment may carry at most 3 links.'],
  ];
  for (const [form, status, message] of cases) {
    const res = await post(request, baseURL!, `/api/articles/${SLUG}/comments`, form);
    expect(res.status()).toBe(status);
    expect((await res.json()).message).toBe(message);
  }
  expect((await post(request, baseURL!, `/api/articles/${SLUG}/comments`, { acceptRules: 'on', body: '第一次' })).status()).toBe(200);
  const again = await post(request, baseURL!, `/api/articles/${SLUG}/comments`, { acceptRules: 'on', body: '第一次' });
  expect(again.status()).toBe(409);
  for (let i = 0; i < 4; i++)
    expect((await post(request, baseURL!, `/api/articles/${SLUG}/comments`, { acceptRules: 'on', body: `第 ${i} 条` })).status()).toBe(200);
  const sixth = await post(request, baseURL!, `/api/articles/${SLUG}/comments`, { acceptRules: 'on', body: '第六条' });
  expect(sixth.status()).toBe(429);
  expect((await sixth.json()).message).toMatch(/^评论太频繁了，请 \d+ 分钟后再试。$/);
  expect(query(DB(), `select count(*) from comments c join accounts a on a.id = c.account_id where a.username = '${name}'`)[0]![0]).toBe('5');
  await request.dispose();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the comment form posts and says it is awaiting review', async ({ page }) => {
    const name = unique('njc');
    await page.goto(`/sign-up?next=${encodeURIComponent(articlePath())}`);
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码').fill('correct horse 1');
    await page.getByRole('checkbox', { name: /用户协议/ }).check();
    await page.getByRole('button', { name: '注册并登录' }).click();
    await expect(page).toHaveURL(articlePath());
    await page.getByLabel('写评论').fill('没有脚本也能评论');
    await page.getByRole('checkbox', { name: /社区公约/ }).check();
    await page.getByRole('button', { name: '发表评论' }).click();
    await expect(page.getByRole('status')).toHaveText(POSTED);
  });
});

test(`${XSS_PAYLOADS.length} XSS payloads, approved, run nothing in the article or the moderation queue and show as typed`, async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
  const tag = `xss-${Date.now()}`;
  const bodies = XSS_PAYLOADS.map((p, i) => `${p} [${tag}-${i}]`);
  // 5 comments per account per 10 minutes: one writer per five payloads.
  for (let i = 0; i < bodies.length; i += 5) {
    const writer = await playwright.request.newContext({ baseURL: baseURL! });
    await apiReader(writer, baseURL!);
    for (const body of bodies.slice(i, i + 5))
      expect((await post(writer, baseURL!, `/api/articles/${SLUG}/comments`, { acceptRules: 'on', body })).status()).toBe(200);
    await writer.dispose();
  }
  const modRequest = await playwright.request.newContext({ baseURL: baseURL! });
  await moderator(modRequest, baseURL!);
  const context = await browser.newContext({ storageState: await modRequest.storageState() });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  const expectInert = async (selector: string, expected: string[]) => {
    const found = await page.evaluate(
      ({ selector, tag }) => {
        const bodies = Array.from(document.querySelectorAll(selector)).filter((el) => el.textContent?.includes(tag));
        const bad: string[] = [];
        for (const el of bodies) {
          for (const child of Array.from(el.querySelectorAll('*'))) {
            if (child.tagName !== 'A') bad.push(`element <${child.tagName}>`);
            for (const attr of Array.from(child.attributes)) {
              if (!['href', 'rel'].includes(attr.name)) bad.push(`attribute ${attr.name}`);
              if (attr.name === 'href' && !/^https?:\/\//.test(attr.value)) bad.push(`href ${attr.value}`);
            }
          }
        }
        return { texts: bodies.map((el) => el.textContent ?? ''), bad, xss: (window as unknown as { __xss?: unknown }).__xss ?? null };
      },
      { selector, tag },
    );
    expect(found.bad).toEqual([]);
    expect(found.xss).toBeNull();
    expect(found.texts.sort()).toEqual([...expected].sort());
  };

  // The queue shows 50 comments a page: every page, following 下一页.
  await page.goto('/moderation');
  const queued: string[] = [];
  for (let p = 0; p < 10; p++) {
    const texts = (await page.locator('.queue .comment-body').allTextContents()).filter((t) => t.includes(tag));
    await expectInert('.queue .comment-body', texts);
    queued.push(...texts);
    const nextPage = page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '下一页' });
    if ((await nextPage.count()) === 0) break;
    const href = (await nextPage.getAttribute('href'))!;
    await nextPage.click();
    await expect(page).toHaveURL(href);
  }
  expect(queued.sort()).toEqual([...bodies].sort());
  const ids = commentIds(`%[${tag}-%`);
  expect(ids).toHaveLength(bodies.length);
  const approve = await post(modRequest, baseURL!, '/api/moderation/review', {}, {});
  expect(approve.status()).toBe(400); // no selection
  const batch = await modRequest.post('/api/moderation/review', {
    data: new URLSearchParams([['action', 'approve'], ...ids.map((id) => ['ids', id] as [string, string])]).toString(),
    headers: { origin: baseURL!, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(batch.status()).toBe(200);
  expect((await batch.json()).results.every((r: { ok: boolean }) => r.ok)).toBe(true);

  // Every approved payload, page by page of the article's comments.
  await page.goto(articlePath());
  await waitForHydration(page);
  const seen: string[] = [];
  for (let p = 0; p < 10; p++) {
    await expect(page.locator('.comment-list .comment').first()).toBeVisible();
    const texts = await page.locator('.comment-list .comment-body').allTextContents();
    await expectInert(
      '.comment-list .comment-body',
      texts.filter((t) => t.includes(tag)),
    );
    seen.push(...texts.filter((t) => t.includes(tag)));
    const nextLink = comments(page).getByRole('navigation').getByRole('link', { name: '下一页' });
    if ((await nextLink.count()) === 0) break;
    await nextLink.click();
    await expect(comments(page).getByText(`第 ${p + 2} /`)).toBeVisible();
    await expect(page).toHaveURL(`${articlePath()}?comments=${p + 2}#comments`);
  }
  expect(seen.sort()).toEqual([...bodies].sort());
  expect(dialogs).toEqual([]);
  await Promise.all([context.close(), modRequest.dispose()]);
});
