import { sql } from 'drizzle-orm';
import { currentAccount } from '@/lib/auth/web';
import { getDb } from '@/lib/db';

export const dynamic = 'force-dynamic';

/**
 * The one small request a page makes for what is personal (who is signed in), so
 * the pages themselves stay the same bytes for everyone and cacheable.
 */
export async function GET(request: Request) {
  const headers = { 'cache-control': 'private, no-store' };
  try {
    const account = await currentAccount(request);
    // Signed out, nothing above touched the database; reader state needs it all the
    // same, so say so when it is down.
    if (!account) await (await getDb()).db.execute(sql`select 1`);
    return Response.json({ available: true, account: account && { username: account.username, isModerator: account.isModerator } }, { headers });
  } catch {
    return Response.json({ available: false, account: null }, { status: 503, headers });
  }
}
