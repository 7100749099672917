// No imports on purpose: the comment list formats times in the browser too, and
// this must not pull next-intl or server code into the page's JavaScript.

/** Times are Beijing time in every locale (publication times, comments, the ledger). */
export const TIME_ZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

// Explicit fields, not dateStyle/timeStyle: with a 24-hour cycle ICU switches zh-TW's
// medium date to 「2022/6/17」, and without one zh-TW and en show 上午/AM.
const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
};

function formatter(locale: string, seconds: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${seconds}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, seconds ? { ...DATE_TIME, second: '2-digit' } : DATE_TIME);
    formats.set(key, format);
  }
  return format;
}

/**
 * The site's one way to show a moment: 「2022年6月17日 19:39」, 24-hour Beijing time in
 * every locale, the same on the server and in the browser (comments, the ledger,
 * notifications, updates).
 */
export function formatDateTime(date: Date | string, locale: string): string {
  return formatter(locale, false).format(typeof date === 'string' ? new Date(date) : date);
}

/** A publication time in the same style, to the second as the source page gave it: 「2022年6月17日 19:39:30」. */
export function formatPublished(date: Date | string, locale: string): string {
  return formatter(locale, true).format(typeof date === 'string' ? new Date(date) : date);
}

/** The words for a recent moment (Comments.justNow, minutesAgo, hoursAgo), with `{n}` for the count. */
export type RelativeLabels = { justNow: string; minutesAgo: string; hoursAgo: string };

/**
 * A moment as readers of 知乎 or 掘金 expect it: 「刚刚」 within a minute, 「3 分钟前」,
 * 「5 小时前」 within a day, then the date (formatDateTime). Only ever run in the
 * browser after load: it depends on the clock, and a static page must not.
 */
export function formatRelative(date: Date | string, now: Date, locale: string, labels: RelativeLabels): string {
  const then = typeof date === 'string' ? new Date(date) : date;
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  // A clock a little behind the server's still says 刚刚, not a time in the future.
  if (minutes < 1) return labels.justNow;
  if (minutes < 60) return labels.minutesAgo.replace('{n}', String(minutes));
  if (minutes < 24 * 60) return labels.hoursAgo.replace('{n}', String(Math.floor(minutes / 60)));
  return formatDateTime(then, locale);
}
