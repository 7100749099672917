import { describe, expect, it } from 'vitest';
import { SiteFrontMatter } from '@/lib/content/schema';

const banner = { text: '横幅' };

describe('content/site.md 备案 numbers', () => {
  it('are optional, and accepted in their issued form', () => {
    expect(SiteFrontMatter.safeParse({ banner }).success).toBe(true);
    expect(SiteFrontMatter.safeParse({ banner, beian: { icp: '京ICP备12345678号-1', police: { region: '京', code: '11010502030143' } } }).success).toBe(true);
    expect(SiteFrontMatter.safeParse({ banner, beian: { icp: '沪ICP备87654321号' } }).success).toBe(true);
  });

  it.each([
    [{ icp: 'ICP 12345678' }],
    [{ icp: '京ICP备123号' }],
    [{ police: { region: '北京', code: '11010502030143' } }],
    [{ police: { region: '京', code: '1101050203' } }],
    [{ police: { region: '京', code: 11010502030143 } }],
    [{ icp: '京ICP备12345678号', other: 'x' }],
  ])('refuses %j', (beian) => {
    expect(SiteFrontMatter.safeParse({ banner, beian }).success).toBe(false);
  });
});
