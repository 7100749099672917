import 'server-only';
import { cookies } from 'next/headers';
import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import type { Account } from './accounts';
import { log } from '@/lib/log';
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
  let found: { db: Db; account: Account | null };
  try {
    const { db } = await getDb();
    found = { db, account: await getSessionAccount(db, token) };
  } catch (error) {
    // Logged here, through the redacting logger: Next prints what a page throws as it
    // is, and a failed query's message carries its parameters (the session token's hash).
    log.error({ err: error }, 'personal page: database unavailable');
    throw new Error('database unavailable');
  }
  return found.account ? { status: 'signed-in', account: found.account, db: found.db } : { status: 'signed-out' };
}
