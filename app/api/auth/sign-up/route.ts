import { cookies } from 'next/headers';
import { SIGN_UP_DOCUMENTS, Ticked } from '@/lib/account/consent';
import { signUp } from '@/lib/auth/accounts';
import { issueDeviceToken, readDeviceTokens } from '@/lib/auth/device';
import { createSession } from '@/lib/auth/sessions';
import { Credentials } from '@/lib/auth/validation';
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from '@/lib/auth/web';
import { limits } from '@/lib/env';
import { getConsentVersions } from '@/lib/content/site';
import { creditReferral } from '@/lib/feathers/rewards';
import { REFERRAL_COOKIE, verifyReferralProof } from '@/lib/feathers/visitor';
import { isHttps } from '@/lib/http/client';
import { fail, handleMutation, retryLater } from '@/lib/http/mutation';
import { log, requestId } from '@/lib/log';

/** The sign-up form: the credentials and the box that accepts 用户协议 and 隐私政策. */
const SignUpForm = Credentials.extend({ consent: Ticked });

/**
 * Creates an account and signs it in (limited per client address, checked before the
 * password is hashed). The agreement and privacy policy must be accepted (checked
 * here, not only by the checkbox's `required`); their versions are recorded with the account.
 */
export async function POST(request: Request) {
  return handleMutation(
    request,
    { endpoint: 'signUp', schema: SignUpForm, access: 'anyone', errors: 'AuthErrors', formPage: '/sign-up' },
    async ({ db, input, client, next }) => {
      if (!input.consent) return fail('consent_required');
      const versions = getConsentVersions();
      const consents = Object.fromEntries(SIGN_UP_DOCUMENTS.map((d) => [d, versions[d]]));
      const result = await signUp(db, { username: input.username, password: input.password, address: client, limits: limits.signUps, consents });
      if (!result.ok) {
        if (result.code === 'username_taken') return fail('username_taken', 409);
        if (result.code === 'username_retired') return fail('username_retired', 409);
        const code = result.retryAfterSeconds > 90 * 60 ? 'sign_up_limited_hours' : 'sign_up_limited';
        return retryLater(code, result.retryAfterSeconds);
      }
      // Signed up through someone's share link: they earn the referral reward, if the
      // server's own proof of that share visit is here (a hand-made cookie earns
      // nothing), the sharer is not someone this browser has signed in as, and the
      // address is within its daily cap. The account stands either way; a failure
      // here only loses the reward, and is logged.
      const jar = await cookies();
      const devices = await readDeviceTokens(db, await readDeviceCookie());
      const code = await verifyReferralProof(db, jar.get(REFERRAL_COOKIE)?.value);
      if (code) {
        const ownAccounts = devices.map((t) => t.accountId);
        await creditReferral(db, result.account.id, code, { address: client, perDay: limits.rewards.referralsPerDay, excludeSharers: ownAccounts }).catch(
          (error) => log.error({ reqId: requestId(request), account: result.account.id, err: error }, 'referral credit failed'),
        );
      }
      if (jar.has(REFERRAL_COOKIE)) jar.delete(REFERRAL_COOKIE);
      const secure = isHttps(request);
      await setSessionCookie(await createSession(db, result.account.id), secure);
      // The browser that made the account is one its owner uses: guessing elsewhere must not lock it out.
      await setDeviceCookie(await issueDeviceToken(db, devices, result.account.id), secure);
      return { ok: true, body: { next } };
    },
  );
}
