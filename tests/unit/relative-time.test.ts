import { describe, expect, it } from 'vitest';
import { commentPageHref, commentPageOf } from '@/components/comments/comment-pages';
import { formatDateTime, formatPublished, formatRelative } from '@/lib/i18n/format';
import zhCN from '@/messages/zh-CN.json';
import en from '@/messages/en.json';

const NOW = new Date('2026-12-05T04:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const zh = { justNow: zhCN.Comments.justNow, minutesAgo: zhCN.Comments.minutesAgo, hoursAgo: zhCN.Comments.hoursAgo };

describe('comment times', () => {
  it('say 刚刚, 分钟前 and 小时前 within a day, then the date', () => {
    expect(formatRelative(ago(0.5), NOW, 'zh-CN', zh)).toBe('刚刚');
    expect(formatRelative(ago(-2), NOW, 'zh-CN', zh)).toBe('刚刚'); // a browser clock a little behind
    expect(formatRelative(ago(3), NOW, 'zh-CN', zh)).toBe('3 分钟前');
    expect(formatRelative(ago(59), NOW, 'zh-CN', zh)).toBe('59 分钟前');
    expect(formatRelative(ago(60), NOW, 'zh-CN', zh)).toBe('1 小时前');
    expect(formatRelative(ago(23 * 60 + 59), NOW, 'zh-CN', zh)).toBe('23 小时前');
    expect(formatRelative(ago(24 * 60), NOW, 'zh-CN', zh)).toBe(formatDateTime(ago(24 * 60), 'zh-CN'));
    expect(formatRelative(ago(24 * 60), NOW, 'zh-CN', zh)).toMatch(/^2026年12月4日/);
    const english = { justNow: en.Comments.justNow, minutesAgo: en.Comments.minutesAgo, hoursAgo: en.Comments.hoursAgo };
    expect(formatRelative(ago(5), NOW, 'en', english)).toBe('5 min ago');
  });
});

describe('one date style', () => {
  it('is 24-hour Beijing time with the date written out, in every locale, publication times to the second', () => {
    const morning = '2022-06-17T01:05:30Z'; // 09:05:30 in Beijing
    expect(formatDateTime(morning, 'zh-CN')).toBe('2022年6月17日 09:05');
    expect(formatDateTime(morning, 'zh-TW')).toBe('2022年6月17日 09:05');
    expect(formatDateTime(morning, 'en')).toBe('Jun 17, 2022, 09:05');
    expect(formatPublished('2022-06-17T11:39:30Z', 'zh-CN')).toBe('2022年6月17日 19:39:30');
    expect(formatPublished('2022-06-17T11:39:30Z', 'zh-TW')).toBe('2022年6月17日 19:39:30');
    expect(formatPublished('2022-06-17T11:39:30Z', 'en')).toBe('Jun 17, 2022, 19:39:30');
  });
});

describe('the comment page in the address', () => {
  it('reads ?comments=N, and anything else is page 1', () => {
    expect(commentPageOf('?comments=2')).toBe(2);
    expect(commentPageOf('?ref=abc&comments=12')).toBe(12);
    for (const bad of ['', '?comments=0', '?comments=-1', '?comments=abc', '?comments=1e3', '?comments=9999999']) expect(commentPageOf(bad)).toBe(1);
  });
  it('links keep the rest of the query and land at the comments', () => {
    expect(commentPageHref('/articles/x', '', 2)).toBe('/articles/x?comments=2#comments');
    expect(commentPageHref('/articles/x', '?ref=abc&comments=3', 1)).toBe('/articles/x?ref=abc#comments');
    expect(commentPageHref('/en/articles/x', '?ref=abc', 4)).toBe('/en/articles/x?ref=abc&comments=4#comments');
  });
});
