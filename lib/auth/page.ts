import 'server-only';
import { cookies } from 'next/headers';
import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import type { Account } from './accounts';
import { SESSION_COOKIE, getSessionAccount } from './sessions';

export type PageReader = { status: 'signed-in'; account: Account; db: Db } | { status: 'signed-out' };

/**
 * The reader of a personal (dynamic) page. Without a session cookie the reader is
 * signed out and the database is not asked; with one, a database that is down
 * throws, and the page's error.tsx says so in the reader's language.
 */
export async function getPageReader(): Promise<PageReader> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return { status: 'signed-out' };
  const { db } = await getDb();
  const account = await getSessionAccount(db, token);
  return account ? { status: 'signed-in', account, db } : { status: 'signed-out' };
}
