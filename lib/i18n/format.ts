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
