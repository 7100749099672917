import 'server-only';
import { cookies } from 'next/headers';
import { getDb } from '@/lib/db';
import { DEVICE_COOKIE, DEVICE_DAYS } from './device';
import { SESSION_COOKIE, getSessionAccount, sessionCookieOptions } from './sessions';
import type { Account } from './accounts';

/** Sets the session cookie for a new session, or clears it (`null`). */
export async function setSessionCookie(session: { token: string; expiresAt: Date } | null, secure: boolean): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, session?.token ?? '', sessionCookieOptions(secure, session?.expiresAt ?? new Date(0)));
}

/** The browser's device cookie (see lib/auth/device.ts). */
export async function readDeviceCookie(): Promise<string | undefined> {
  return (await cookies()).get(DEVICE_COOKIE)?.value;
}

/** Stores the device cookie a successful sign-in returned (an empty value clears it). */
export async function setDeviceCookie(value: string, secure: boolean): Promise<void> {
  (await cookies()).set(DEVICE_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: value ? DEVICE_DAYS * 86400 : 0 });
}

/** The signed-in account of this request, or null (no, forged, malformed or expired cookie); throws if the database is down. */
export async function getCurrentAccount(): Promise<Account | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const { db } = await getDb();
  return getSessionAccount(db, token);
}
