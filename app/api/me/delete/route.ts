import { z } from 'zod';
import { checkCurrentPassword, deleteAccount } from '@/lib/account/manage';
import { Ticked } from '@/lib/account/consent';
import { dropDeviceToken, readDeviceTokens } from '@/lib/auth/device';
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from '@/lib/auth/web';
import { isHttps } from '@/lib/http/client';
import { fail, handleMutation, retryLater } from '@/lib/http/mutation';
import { localizedPath } from '@/lib/i18n/routing';

const DeleteAccount = z.object({ password: z.string({ error: 'password_required' }).min(1, { error: 'password_required' }), confirm: Ticked });

/** Deletes the signed-in reader's account (注销): password and the confirmation box required. */
export async function POST(request: Request) {
  return handleMutation(
    request,
    { endpoint: 'deleteAccount', schema: DeleteAccount, access: 'signed-in', errors: 'AuthErrors' },
    async ({ db, account, input, locale }) => {
      if (!input.confirm) return fail('confirm_required');
      const checked = await checkCurrentPassword(db, account.id, input.password);
      if (!checked.ok) return checked.code === 'rate_limited' ? retryLater('rate_limited', checked.retryAfterSeconds) : fail('wrong_password', 403);
      const tokens = await readDeviceTokens(db, await readDeviceCookie());
      const deleted = await deleteAccount(db, account.id);
      // Already gone (a second tab): the same end state.
      void deleted;
      const secure = isHttps(request);
      await setSessionCookie(null, secure);
      await setDeviceCookie(await dropDeviceToken(db, tokens, account.id), secure);
      const home = localizedPath(locale, '/');
      return { ok: true, body: { next: home }, redirect: home, message: { key: 'Settings.deleted' } };
    },
  );
}
