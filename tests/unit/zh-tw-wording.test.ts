import { describe, expect, it } from 'vitest';
import { loadContent } from '@/lib/content/load';
import { localizeText, renderBody } from '@/lib/content/localize';
import { hastText } from './support/hast-text';

// What a zh-TW reader reads of the real content: Taiwan phrases (OpenCC twp) with the
// editors' exceptions (content/zh-TW-exceptions.yaml) where twp is wrong for this site.
const content = loadContent('content');

const article = content.articles.find((a) => a.slug === 'how-ecommerce-operations-work')!;
const tw = {
  article: hastText(renderBody(article.body, 'zh-TW')),
  rules: hastText(renderBody(content.rules.body, 'zh-TW')),
  privacy: hastText(renderBody(content.privacy.body, 'zh-TW')),
  terms: hastText(renderBody(content.terms.body, 'zh-TW')),
};

describe('zh-TW wording of the real content', () => {
  it('uses Taiwan words where the source uses mainland ones', () => {
    expect(tw.rules).toContain('使用者');
    expect(tw.rules).not.toContain('用戶');
    expect(tw.privacy).toContain('使用者名稱');
    expect(tw.privacy).toContain('伺服器');
    expect(tw.privacy).toContain('資料');
    expect(tw.rules).toContain('不良資訊');
    expect(tw.article).toContain('監控產品資料，持續對資料');
  });

  it('注销 is deleting the account (註銷), never 登出; signing out is 登出', () => {
    expect(tw.privacy).toContain('可以註銷帳號。註銷後');
    expect(tw.terms).toContain('註銷帳號');
    expect(`${tw.privacy}${tw.terms}`).not.toMatch(/登出(帳號|賬號|後)/);
    expect(tw.terms).toContain('在所有裝置上登出');
  });

  it('publishing is 發布 and moderation 審核 (not 釋出, 稽核)', () => {
    expect(tw.rules).toContain('多次發布包含');
    expect(tw.terms).toContain('評論經審核後');
    expect(tw.privacy).toContain('審核員');
    for (const doc of Object.values(tw)) {
      expect(doc).not.toContain('釋出');
      expect(doc).not.toContain('稽核');
      expect(doc).not.toContain('發佈');
    }
  });

  it('names the site’s pages and features as its menus do: 社區公約, 隱私權政策, 建議回饋, 帳號, 重設', () => {
    expect(localizeText(content.rules.title, 'zh-TW')).toBe('社區公約');
    expect(localizeText(content.privacy.title, 'zh-TW')).toBe('隱私權政策');
    expect(localizeText(content.terms.title, 'zh-TW')).toBe('使用者協議');
    expect(tw.terms).toContain('《隱私權政策》和《社區公約》');
    expect(tw.rules).toContain('「建議回饋」');
    expect(tw.privacy).toContain('「帳號設定」');
    expect(tw.privacy).toContain('重設連結');
    for (const doc of Object.values(tw)) {
      expect(doc).not.toContain('社群公約');
      expect(doc).not.toContain('賬號');
      expect(doc).not.toContain('反饋');
    }
  });

  it('keeps PRC names as they are named, and quotes them in corner quotes', () => {
    expect(tw.rules).toContain('國家互聯網信息辦公室「依法管網、依法辦網、依法上網」');
    expect(tw.rules).toContain('《網絡信息內容生態治理規定》');
    expect(tw.rules).not.toMatch(/[“”]/);
  });

  it('the article keeps its topic word 運營 and the job name 用戶運營, and says 優化 and 影音', () => {
    expect(tw.article).toContain('運營');
    expect(tw.article).toContain('用戶運營');
    expect(tw.article).not.toContain('使用者運營');
    expect(tw.article).toContain('優化');
    expect(tw.article).not.toContain('最佳化');
    expect(tw.article).toContain('影音');
    expect(tw.article).toContain('建立聯繫');
  });
});
