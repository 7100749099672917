import 'server-only';
import { cookies } from 'next/headers';
import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import type { Account } from './accounts';
import { SESSION_COOKIE, getSessionAccount } from './sessions';
import { log } from '@/lib/log';

export type PageReader = { status: 'signed-in'; account: Account; db: Db } | { status: 'signed-out' } | { status: 'unavailable' };

/** The reader of a personal (dynamic) page: signed in, signed out, or the database is down. */
export async function pageReader(): Promise<PageReader> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  try {
    const { db } = await getDb();
    const account = token ? await getSessionAccount(db, token) : null;
    return account ? { status: 'signed-in', account, db } : { status: 'signed-out' };
  } catch (error) {
    log.error({ err: error }, 'personal page without its reader: database unavailable');
    return { status: 'unavailable' };
  }
}
