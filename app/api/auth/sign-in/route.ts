import { z } from 'zod';
import { signIn } from '@/lib/auth/accounts';
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from '@/lib/auth/web';
import { isHttps } from '@/lib/http/client';
import { fail, handleMutation, retryLater } from '@/lib/http/mutation';

// Only presence is checked here: a wrong-shaped name or password simply fails to sign in,
// which says nothing about which usernames exist.
const SignInForm = z.object({
  username: z.string({ error: 'username_required' }).trim().min(1, 'username_required'),
  password: z.string({ error: 'password_required' }).min(1, 'password_required'),
});

/** Signs an account in (failures limited per address, and per username or device cookie). */
export async function POST(request: Request) {
  return handleMutation(
    request,
    { endpoint: 'signIn', schema: SignInForm, access: 'anyone', errors: 'AuthErrors', formPage: '/sign-in' },
    async ({ db, input, client, next }) => {
      const result = await signIn(db, { ...input, address: client, deviceCookie: await readDeviceCookie() });
      if (!result.ok) return result.code === 'invalid_credentials' ? fail(result.code, 401) : retryLater(result.code, result.retryAfterSeconds);
      const secure = isHttps(request);
      await setSessionCookie(result.session, secure);
      await setDeviceCookie(result.deviceCookie, secure);
      return { ok: true, body: { next } };
    },
  );
}
