import { requestId } from '@/lib/log';
import { answerReaderState } from '@/lib/reader/reader-state-answer';

export const dynamic = 'force-dynamic';

/**
 * Under `next start` and `next dev`; `server.mjs` (npm run serve, the stack) answers the
 * same from lib/reader/reader-state-answer.ts before Next's routing.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const reply = await answerReaderState({ search: url.search, cookie: request.headers.get('cookie'), requestId: requestId(request) });
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
