// No imports on purpose: the comment list formats times in the browser too, and
// this must not pull next-intl or server code into the page's JavaScript.

/** Times are Beijing time in every locale (publication times, comments, the ledger). */
export const TIME_ZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The site's one way to show a moment: date and time (dateStyle medium, timeStyle
 * short) in the reader's locale and Beijing time, the same on the server and in the
 * browser. Publication times have their own precise form (PublishedTime).
 */
export function formatDateTime(date: Date | string, locale: string): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
    formats.set(locale, format);
  }
  return format.format(typeof date === 'string' ? new Date(date) : date);
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
