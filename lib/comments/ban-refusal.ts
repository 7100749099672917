import 'server-only';
import { fail, type Outcome } from '@/lib/http/mutation';
import type { Locale } from '@/lib/i18n/routing';
import { TIME_ZONE } from '@/lib/i18n/request';

/** The refusal a banned reader gets (posting or reporting): until when, in the reader's language and China's time. */
export function banRefusal(until: Date | null, locale: Locale): Outcome {
  if (until === null) return fail('comment_banned_forever', 403);
  const at = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(until);
  return fail('comment_banned', 403, { until: at });
}
