import { getDb } from '@/lib/db';
import { getReadiness } from '@/lib/db/readiness';
import { log, requestId } from '@/lib/log';

export const dynamic = 'force-dynamic';

const headers = { 'cache-control': 'no-store' };

/**
 * Readiness for a load balancer or orchestrator: 200 when the database answers
 * and has every migration this build ships, else 503 (the pages would still be
 * served, but nothing personal). GET /healthz (server.mjs) says only that the
 * process is up.
 */
export async function GET(request: Request) {
  try {
    const readiness = await getReadiness((await getDb()).db);
    if (readiness.ready) return Response.json({ ok: true }, { headers });
    log.error({ reqId: requestId(request), ...readiness }, 'not ready: migrations pending');
    return Response.json({ ok: false, reason: readiness.reason }, { status: 503, headers });
  } catch (error) {
    log.error({ reqId: requestId(request), err: error }, 'not ready: database unreachable');
    return Response.json({ ok: false, reason: 'database_unreachable' }, { status: 503, headers });
  }
}
