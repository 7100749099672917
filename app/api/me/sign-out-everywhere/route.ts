import { z } from 'zod';
import { endAllSessions } from '@/lib/account/manage';
import { dropDeviceToken, readDeviceTokens } from '@/lib/auth/device';
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from '@/lib/auth/web';
import { isHttps } from '@/lib/http/client';
import { handleMutation } from '@/lib/http/mutation';
import { localizedPath } from '@/lib/i18n/routing';

/** Ends every session of the account, this browser's too, and drops this browser's device token for it. */
export async function POST(request: Request) {
  return handleMutation(
    request,
    { endpoint: 'signOutEverywhere', schema: z.object({}), access: 'signed-in', errors: 'AuthErrors' },
    async ({ db, account, locale }) => {
      await endAllSessions(db, account.id);
      const secure = isHttps(request);
      await setSessionCookie(null, secure);
      await setDeviceCookie(await dropDeviceToken(db, await readDeviceTokens(db, await readDeviceCookie()), account.id), secure);
      const home = localizedPath(locale, '/');
      return { ok: true, body: { next: home }, redirect: home, message: { key: 'Settings.signedOutEverywhere' } };
    },
  );
}
