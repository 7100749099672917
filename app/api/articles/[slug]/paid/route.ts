import { toHtml } from 'hast-util-to-html';
import { hasLocale } from 'next-intl';
import { getCurrentAccount } from '@/lib/auth/web';
import { getPaidPart } from '@/lib/content/site';
import { getDb } from '@/lib/db';
import { hasUnlocked } from '@/lib/feathers/unlock';
import type { PaidPartAnswer } from '@/lib/http/contract';
import { routing } from '@/lib/i18n/routing';
import { log, requestId } from '@/lib/log';

export const dynamic = 'force-dynamic';

/**
 * A paid article's paid part, only for a signed-in reader who unlocked it: it is in
 * no page's HTML and in no other response. The tree was sanitised like every body.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const headers = { 'cache-control': 'private, no-store' };
  const requested = new URL(request.url).searchParams.get('locale');
  const locale = requested && hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const paid = getPaidPart(locale, slug);
  if (!paid) return Response.json({ ok: false, code: 'not_paid' } satisfies PaidPartAnswer, { status: 404, headers });
  try {
    const account = await getCurrentAccount();
    if (!account) return Response.json({ ok: false, code: 'sign_in_required' } satisfies PaidPartAnswer, { status: 401, headers });
    if (!(await hasUnlocked((await getDb()).db, account.id, slug)))
      return Response.json({ ok: false, code: 'locked' } satisfies PaidPartAnswer, { status: 403, headers });
    return Response.json({ ok: true, html: toHtml(paid.body) } satisfies PaidPartAnswer, { headers });
  } catch (error) {
    log.error({ reqId: requestId(request), err: error }, 'paid part unavailable');
    return Response.json({ ok: false, code: 'unavailable' } satisfies PaidPartAnswer, { status: 503, headers });
  }
}
