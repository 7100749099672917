import { exportAccountData } from '@/lib/account/manage';
import { getCurrentAccount } from '@/lib/auth/web';
import { getDb } from '@/lib/db';
import { log, requestId } from '@/lib/log';

export const dynamic = 'force-dynamic';

/**
 * GET: the signed-in reader's own data as a JSON file to keep (下载我的数据). Reads
 * only; a signed-out request gets 401, and nothing is ever cached.
 */
export async function GET(request: Request) {
  const headers = { 'cache-control': 'private, no-store' };
  try {
    const account = await getCurrentAccount();
    if (!account) return Response.json({ ok: false, code: 'sign_in_required' }, { status: 401, headers });
    const { db } = await getDb();
    const data = await exportAccountData(db, account.id);
    if (!data) return Response.json({ ok: false, code: 'sign_in_required' }, { status: 401, headers });
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
