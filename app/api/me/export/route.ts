import { exportAccountData } from '@/lib/account/manage';
import { getCurrentAccount } from '@/lib/auth/web';
import { getDb } from '@/lib/db';
import { isNavigation, refererLocale } from '@/lib/http/request';
import { localizedPath } from '@/lib/i18n/routing';
import { log, requestId } from '@/lib/log';

export const dynamic = 'force-dynamic';

/**
 * GET: the signed-in reader's own data as a JSON file to keep (下载我的数据). Reads
 * only; a signed-out browser (the settings page's plain form, a bookmarked link)
 * is sent to sign in and back to the settings, a signed-out script gets 401, and
 * nothing is ever cached.
 */
export async function GET(request: Request) {
  const headers = { 'cache-control': 'private, no-store' };
  try {
    const account = await getCurrentAccount();
    const data = account ? await exportAccountData((await getDb()).db, account.id) : null;
    if (!data) return signInFirst(request, headers);
    const day = data.exportedAt.slice(0, 10);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        ...headers,
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="niaoge-my-data-${day}.json"`,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    log.error({ reqId: requestId(request), err: error }, 'data export unavailable');
    return Response.json({ ok: false, code: 'unavailable' }, { status: 503, headers });
  }
}

function signInFirst(request: Request, headers: Record<string, string>): Response {
  if (!isNavigation(request)) return Response.json({ ok: false, code: 'sign_in_required' }, { status: 401, headers });
  const locale = refererLocale(request);
  const next = localizedPath(locale, '/me/settings');
  return new Response(null, { status: 303, headers: { ...headers, location: `${localizedPath(locale, '/sign-in')}?next=${encodeURIComponent(next)}` } });
}
