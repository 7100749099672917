import { signIn } from '@/lib/auth/accounts';
import { createSession } from '@/lib/auth/sessions';
import { authFailure, authSuccess, checkOrigin, formContext } from '@/lib/auth/web';
import { getDb } from '@/lib/db';
import { clientAddress } from '@/lib/http/request';

/** Signs an account in (rate-limited per username and per address). */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => new FormData());
  const { locale, next } = formContext(form);
  const context = { locale, next, page: '/sign-in' as const };
  if (!checkOrigin(request)) return authFailure(request, { ...context, code: 'bad_origin' });
  const username = form.get('username');
  const password = form.get('password');
  if (typeof username !== 'string' || !username.trim()) return authFailure(request, { ...context, code: 'username_required' });
  if (typeof password !== 'string' || !password) return authFailure(request, { ...context, code: 'password_required' });
  let db;
  try {
    ({ db } = await getDb());
  } catch {
    return authFailure(request, { ...context, code: 'unavailable' });
  }
  const result = await signIn(db, { username, password, clientAddress: clientAddress(request) });
  if (!result.ok) {
    return authFailure(request, { ...context, code: result.code, retryAfterSeconds: result.code === 'rate_limited' ? result.retryAfterSeconds : undefined });
  }
  return authSuccess(request, next, await createSession(db, result.account.id));
}
