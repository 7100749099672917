import 'server-only';
import { formatDateTime } from '@/lib/i18n/format';
import { fail, type Failure } from '@/lib/http/mutation';
import type { Locale } from '@/lib/i18n/routing';

/** The refusal a banned reader gets (posting or reporting): until when, in the reader's language and China's time. */
export function banRefusal(until: Date | null, locale: Locale): Failure<'comment_banned' | 'comment_banned_forever'> {
  if (until === null) return fail('comment_banned_forever', 403);
  return fail('comment_banned', 403, { until: formatDateTime(until, locale) });
}
