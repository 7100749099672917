import { expect, test } from '@playwright/test';
import { COMMENT_REWARD, QUIZ_REWARD, REFERRAL_REWARD, SHARE_READ_CAP, SHARE_READ_REWARD } from '../../lib/feathers/amounts';
import { SLUG, articlePath, expectNoSeriousA11yViolations } from './helpers';
import { query } from './support/database';
import { admin, apiReader, signUpThroughUi, unique } from './support/readers';

const DB = () => process.env.E2E_DATABASE_URL!;
const esc = (s: string) => s.replace(/'/g, "''");
const accountId = (name: string) => query(DB(), `select id from accounts where username = '${esc(name)}'`)[0]![0]!;

test('notifications: the header counts unseen ones, /me lists them and marks them seen', async ({ page }) => {
  const name = unique('notif');
  await signUpThroughUi(page, name, '/');
  await expect(page.getByRole('banner').getByRole('link', { name: /^通知/ })).toHaveCount(0);
  expect(await admin('grant-feathers', name, '30', '--reason', '活动奖励')).toContain('30 feathers');
  await page.reload();
  await expect(page.getByRole('banner').getByRole('link', { name: '通知 1' })).toHaveAttribute('href', '/me#notifications');

  await page.goto('/me');
  const list = page.getByRole('region', { name: '通知' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('新');
  await expect(list.getByRole('listitem')).toContainText('获得 30 羽毛：运营调整（活动奖励）。');
  // With JavaScript, showing the list marks it seen.
  await expect(list.getByRole('status')).toHaveText('已全部标为已读。');
  await expectNoSeriousA11yViolations(page, { label: '/me with notifications' });
  await page.reload();
  await expect(list.getByRole('listitem')).not.toContainText('新');
  await expect(page.getByRole('banner').getByRole('link', { name: /^通知/ })).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('/me shows notifications; 全部标为已读 marks them; 羽毛明细 pages with links', async ({ page }) => {
    const name = unique('nojsn');
    await page.goto('/sign-up?next=/me');
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码').fill('correct horse 1');
    await page.getByRole('checkbox', { name: /用户协议/ }).check();
    await page.getByRole('button', { name: '注册并登录' }).click();
    await expect(page).toHaveURL('/me');
    await admin('grant-feathers', name, '7', '--reason', 'e2e');
    // 130 more ledger rows: two pages of 羽毛明细 (100 a page).
    const id = accountId(name);
    query(
      DB(),
      `insert into ledger (account_id, delta, reason, reference, balance_after)
         select ${id}, 1, 'share_read', 'e2e:' || n, 7 + n from generate_series(1, 130) n;
       update accounts set feathers = 137 where id = ${id}`,
    );

    await page.goto('/me');
    const list = page.getByRole('region', { name: '通知' });
    await expect(list.getByRole('listitem')).toContainText('新');
    await list.getByRole('button', { name: '全部标为已读' }).click();
    await expect(page).toHaveURL('/me');
    await expect(list.getByRole('listitem')).not.toContainText('新');
    await expect(list.getByRole('button', { name: '全部标为已读' })).toHaveCount(0);

    const ledger = page.getByRole('region', { name: '羽毛明细' });
    await expect(ledger.getByRole('listitem')).toHaveCount(100);
    await expect(ledger.getByRole('listitem').first()).toContainText('余额 137');
    await ledger.getByRole('link', { name: '更早的记录' }).click();
    await expect(ledger.getByRole('listitem')).toHaveCount(31);
    await expect(ledger.getByRole('listitem').last()).toContainText('运营调整（e2e）');
    await expect(ledger.getByRole('link', { name: '更早的记录' })).toHaveCount(0);
    await ledger.getByRole('link', { name: '回到最新' }).click();
    await expect(page).toHaveURL('/me#feathers');
    await expect(ledger.getByRole('listitem')).toHaveCount(100);
    // A malformed cursor is the first page, not an error.
    for (const q of ['?before=abc', '?before=-5', '?before=1e999', '?before=1&before=2']) {
      const response = await page.goto(`/me${q}`);
      expect(response?.status()).toBe(200);
      await expect(ledger.getByRole('listitem')).toHaveCount(100);
    }
  });

  test('/articles/<slug>/comments: approved comments readable and paged; pending and rejected never shown', async ({ page, request, baseURL }) => {
    const name = await apiReader(request, baseURL!, unique('cpage'));
    const id = accountId(name);
    const tag = unique('c');
    // Dated in the future so they are the newest: 25 approved (10 a page), one pending, one rejected.
    query(
      DB(),
      `insert into comments (account_id, article_slug, body, body_hash, status, created_at)
         select ${id}, '${SLUG}', '${tag} 第' || n || '条 https://example.com/' || n, md5('${tag}' || n), 'approved',
                timestamp with time zone '2099-01-01 00:00:00+00' + n * interval '1 minute'
           from generate_series(1, 25) n;
       insert into comments (account_id, article_slug, body, body_hash, status, created_at) values
         (${id}, '${SLUG}', '${tag} 待审核', md5('${tag}p'), 'pending', '2099-02-01T00:00:00Z'),
         (${id}, '${SLUG}', '${tag} 已拒绝', md5('${tag}r'), 'rejected', '2099-02-01T00:00:00Z')`,
    );
    try {
      // The article links to the page, without JavaScript too.
      await page.goto(articlePath());
      await page.getByRole('link', { name: '查看全部评论' }).click();
      await expect(page).toHaveURL(`${articlePath()}/comments`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('《电商是怎么运营的（做电商的都应该看看）》的评论');
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, follow');
      const items = page.getByRole('listitem').filter({ hasText: tag });
      await expect(items).toHaveCount(10);
      await expect(items.first()).toContainText(`${tag} 第25条`);
      await expect(items.first()).toContainText(name);
      await expect(items.first().getByRole('link', { name: 'https://example.com/25' })).toHaveAttribute('rel', 'nofollow ugc noopener');
      await expect(page.getByText(`${tag} 待审核`)).toHaveCount(0);
      await expect(page.getByText(`${tag} 已拒绝`)).toHaveCount(0);
      // axe needs JavaScript in the page: a11y.spec.ts checks this page with it.

      await page.getByRole('navigation', { name: '评论翻页' }).getByRole('link', { name: '下一页' }).click();
      await expect(page).toHaveURL(`${articlePath()}/comments?page=2`);
      await expect(items).toHaveCount(10);
      await expect(items.first()).toContainText(`${tag} 第15条`);
      await expect(items.last()).toContainText(`${tag} 第6条`);
      await page.getByRole('navigation', { name: '评论翻页' }).getByRole('link', { name: '下一页' }).click();
      await expect(page).toHaveURL(`${articlePath()}/comments?page=3`);
      await expect(items).toHaveCount(5);
      await expect(items.last()).toContainText(`${tag} 第1条`);
      await page.getByRole('navigation', { name: '评论翻页' }).getByRole('link', { name: '上一页' }).click();
      await expect(items).toHaveCount(10);
      // The article's own ?comments=N names the same page here.
      await page.goto(`${articlePath()}/comments?comments=3`);
      await expect(items).toHaveCount(5);
      await expect(items.last()).toContainText(`${tag} 第1条`);

      // A page that is not a number is page 1; an unknown article is the translated 404.
      expect((await page.goto(`${articlePath()}/comments?page=abc`))?.status()).toBe(200);
      await expect(items).toHaveCount(10);
      expect((await page.goto('/articles/no-such-article/comments'))?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
      expect((await page.goto('/en/articles/no-such-article/comments'))?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      expect((await page.goto(`/en/articles/${SLUG}/comments`))?.status()).toBe(200);
      await expect(page.getByRole('link', { name: 'Back to the article' })).toHaveAttribute('href', `/en/articles/${SLUG}#comments`);
    } finally {
      // Other files count the article's approved comments.
      query(DB(), `delete from comments where account_id = ${id}`);
    }
  });
});

test('/me and /mall say how feathers are earned, with the amounts the rewards code pays', async ({ page }) => {
  const expected = [
    `阅读测验答对：+${QUIZ_REWARD} 羽毛`,
    `好友通过你的分享链接阅读：每位 +${SHARE_READ_REWARD} 羽毛，每篇文章最多 +${SHARE_READ_CAP}`,
    `好友通过你的分享链接注册：+${REFERRAL_REWARD} 羽毛`,
    `评论审核通过：+${COMMENT_REWARD} 羽毛`,
  ];
  await page.goto('/mall');
  const mall = page.getByRole('region', { name: '如何获得羽毛' });
  for (const line of expected) await expect(mall).toContainText(line);
  await signUpThroughUi(page, unique('earn'), '/me');
  const me = page.getByRole('region', { name: '如何获得羽毛' });
  for (const line of expected) await expect(me).toContainText(line);
});
