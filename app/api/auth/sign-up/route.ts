import { addressKey, signUp } from '@/lib/auth/accounts';
import { consumeAttempt } from '@/lib/auth/rate-limit';
import { createSession } from '@/lib/auth/sessions';
import { Credentials } from '@/lib/auth/validation';
import { authFailure, authSuccess, formContext, type AuthErrorCode } from '@/lib/auth/web';
import { getDb } from '@/lib/db';
import { creditReferral } from '@/lib/feathers/rewards';
import { REFERRAL_COOKIE } from '@/lib/feathers/visitor';
import { clientAddress, isSameOrigin, readCookie } from '@/lib/http/request';

/** Referral rewards paid per client address: 3 a day. */
const REFERRALS_PER_ADDRESS = { limit: 3, windowSeconds: 24 * 60 * 60 };

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
  // stands either way; a failure here only loses the reward, and is logged. Referral
  // rewards are limited per address, so a script signing up accounts through its own
  // link cannot mint feathers.
  const ref = readCookie(request, REFERRAL_COOKIE);
  if (ref && /^[a-z2-7]{10}$/.test(ref)) {
    await consumeAttempt(db, `referral:${addressKey(clientAddress(request))}`, REFERRALS_PER_ADDRESS)
      .then((limit) => (limit.allowed ? creditReferral(db, result.account.id, ref) : null))
      .catch((e) => console.error('referral credit failed', e));
  }
  const response = authSuccess(request, next, await createSession(db, result.account.id));
  response.headers.append('set-cookie', `${REFERRAL_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
  return response;
}
