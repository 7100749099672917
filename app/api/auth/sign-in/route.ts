import { signIn } from '@/lib/auth/accounts';
import { createSession } from '@/lib/auth/sessions';
import { z } from 'zod';
import { authFailure, authSuccess, formContext } from '@/lib/auth/web';
import { getDb } from '@/lib/db';
import { clientAddress, isSameOrigin } from '@/lib/http/request';

// Only presence is checked here: a wrong-shaped name or password simply fails to sign in,
// which says nothing about which usernames exist.
const SignInForm = z.object({
  username: z.string({ error: 'username_required' }).trim().min(1, 'username_required'),
  password: z.string({ error: 'password_required' }).min(1, 'password_required'),
});

/** Signs an account in (rate-limited per username and per address). */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => new FormData());
  const { locale, next } = formContext(form);
  const context = { locale, next, page: '/sign-in' as const };
  if (!isSameOrigin(request)) return authFailure(request, { ...context, code: 'bad_origin' });
  const parsed = SignInForm.safeParse({ username: form.get('username') ?? undefined, password: form.get('password') ?? undefined });
  if (!parsed.success) {
    return authFailure(request, { ...context, code: parsed.error.issues[0]?.message === 'password_required' ? 'password_required' : 'username_required' });
  }
  const { username, password } = parsed.data;
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
