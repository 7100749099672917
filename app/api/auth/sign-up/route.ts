import { signUp } from '@/lib/auth/accounts';
import { createSession } from '@/lib/auth/sessions';
import { Credentials } from '@/lib/auth/validation';
import { authFailure, authSuccess, formContext, type AuthErrorCode } from '@/lib/auth/web';
import { getDb } from '@/lib/db';
import { creditReferral } from '@/lib/feathers/rewards';
import { REFERRAL_COOKIE } from '@/lib/feathers/visitor';
import { isSameOrigin, readCookie } from '@/lib/http/request';

/** Creates an account and signs it in. */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => new FormData());
  const { locale, next } = formContext(form);
  const fail = (code: AuthErrorCode) => authFailure(request, { code, locale, next, page: '/sign-up' });
  if (!isSameOrigin(request)) return fail('bad_origin');
  const parsed = Credentials.safeParse({ username: form.get('username') ?? undefined, password: form.get('password') ?? undefined });
  if (!parsed.success) return fail((parsed.error.issues[0]?.message ?? 'username_required') as AuthErrorCode);
  let db;
  try {
    ({ db } = await getDb());
  } catch {
    return fail('unavailable');
  }
  const result = await signUp(db, parsed.data);
  if (!result.ok) return fail(result.code);
  // Signed up through someone's share link: they earn the referral reward. The account
  // stands either way; a failure here only loses the reward, and is logged.
  const ref = readCookie(request, REFERRAL_COOKIE);
  if (ref && /^[a-z2-7]{10}$/.test(ref)) await creditReferral(db, result.account.id, ref).catch((e) => console.error('referral credit failed', e));
  return authSuccess(request, next, await createSession(db, result.account.id));
}
