import { z } from 'zod';
import { getResetTokenState, resetPassword } from '@/lib/account/manage';
import { issueDeviceToken, readDeviceTokens } from '@/lib/auth/device';
import { createSession } from '@/lib/auth/sessions';
import { Password } from '@/lib/auth/validation';
import { readDeviceCookie, setDeviceCookie, setSessionCookie } from '@/lib/auth/web';
import { getDb } from '@/lib/db';
import { isHttps } from '@/lib/http/client';
import type { ResetTokenAnswer } from '@/lib/http/contract';
import { fail, handleMutation } from '@/lib/http/mutation';
import { localizedPath } from '@/lib/i18n/routing';
import { log, requestId } from '@/lib/log';

export const dynamic = 'force-dynamic';

const ResetPassword = z.object({ token: z.string().max(200).default(''), password: Password });

/** GET ?token=…: whether the link can still be used (the static page asks before showing its form). */
export async function GET(request: Request) {
  const headers = { 'cache-control': 'private, no-store' };
  const token = new URL(request.url).searchParams.get('token') ?? '';
  try {
    const { db } = await getDb();
    return Response.json({ ok: true, state: await getResetTokenState(db, token) } satisfies ResetTokenAnswer, { headers });
  } catch (error) {
    log.error({ reqId: requestId(request), err: error }, 'reset link check unavailable');
    return Response.json({ ok: false, code: 'unavailable' } satisfies ResetTokenAnswer, { status: 503, headers });
  }
}

/** Sets a new password with a one-time link an operator made; ends every session of the account and signs this browser in. */
export async function POST(request: Request) {
  return handleMutation(
    request,
    { endpoint: 'resetPassword', schema: ResetPassword, access: 'anyone', errors: 'AuthErrors' },
    async ({ db, input, locale }) => {
      const result = await resetPassword(db, input.token.trim(), input.password);
      if (!result.ok) return fail(result.code, result.code === 'reset_invalid' ? 400 : 410);
      const secure = isHttps(request);
      await setSessionCookie(await createSession(db, result.accountId), secure);
      await setDeviceCookie(await issueDeviceToken(db, await readDeviceTokens(db, await readDeviceCookie()), result.accountId), secure);
      const me = localizedPath(locale, '/me');
      return { ok: true, body: { next: me }, redirect: me, message: { key: 'Settings.passwordReset' } };
    },
  );
}
