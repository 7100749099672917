import { routing } from '@/lib/i18n/routing';
import { feedResponse } from '@/lib/site-index';

export const dynamic = 'force-static';

/** RSS feed of the zh-CN articles. */
export function GET() {
  return feedResponse(routing.defaultLocale);
}
