import 'server-only';
import { getTranslations } from 'next-intl/server';
import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { formLocale, isHttps, readCookie, safeReturnPath, wantsJson } from '@/lib/http/request';
import { SESSION_COOKIE, getSessionAccount, sessionCookieOptions } from './sessions';
import type { Account } from './accounts';

/** Error codes an auth form can end with; each has a message in messages/*.json (AuthErrors). */
export type AuthErrorCode =
  | 'username_required'
  | 'username_length'
  | 'username_characters'
  | 'password_required'
  | 'password_length'
  | 'password_blank'
  | 'username_taken'
  | 'invalid_credentials'
  | 'rate_limited'
  | 'bad_origin'
  | 'unavailable';


const STATUS: Record<AuthErrorCode, number> = {
  username_required: 400,
  username_length: 400,
  username_characters: 400,
  password_required: 400,
  password_length: 400,
  password_blank: 400,
  username_taken: 409,
  invalid_credentials: 401,
  rate_limited: 429,
  bad_origin: 403,
  unavailable: 503,
};

/** The parts of an auth form every handler needs. */
export function formContext(form: FormData) {
  return { locale: formLocale(form.get('locale')), next: safeReturnPath(form.get('next')) };
}

/**
 * Answers a failed auth request: a 4xx JSON body with the translated message for
 * fetch, or — for a plain form post without JavaScript — back to the form page,
 * which shows the same message.
 */
export async function authFailure(
  request: Request,
  { code, locale, next, page, retryAfterSeconds }: { code: AuthErrorCode; locale: Locale; next: string; page: '/sign-in' | '/sign-up'; retryAfterSeconds?: number },
): Promise<Response> {
  const t = await getTranslations({ locale, namespace: 'AuthErrors' });
  const minutes = Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60));
  const message = t(code, { minutes });
  const headers: Record<string, string> = retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {};
  if (wantsJson(request)) return Response.json({ ok: false, code, message }, { status: STATUS[code], headers });
  const target = `${localizedPath(locale, page)}?error=${code}&next=${encodeURIComponent(next)}${retryAfterSeconds ? `&retry=${retryAfterSeconds}` : ''}`;
  return new Response(null, { status: 303, headers: { ...headers, location: target } });
}

/** Answers a successful auth request, setting (or, with no session, clearing) the session cookie. */
export function authSuccess(request: Request, next: string, session: { token: string; expiresAt: Date } | null): Response {
  const response = wantsJson(request) ? NextResponse.json({ ok: true, next }) : new NextResponse(null, { status: 303, headers: { location: next } });
  response.cookies.set(SESSION_COOKIE, session?.token ?? '', sessionCookieOptions(isHttps(request), session?.expiresAt ?? new Date(0)));
  return response;
}

/** The signed-in account of a request, or null (no, forged, expired cookie); throws if the database is down. */
export async function currentAccount(request: Request): Promise<Account | null> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return null;
  const { db } = await getDb();
  return getSessionAccount(db, token);
}
