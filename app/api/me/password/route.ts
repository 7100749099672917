import { cookies } from 'next/headers';
import { z } from 'zod';
import { checkCurrentPassword, setPassword, sha256 } from '@/lib/account/manage';
import { SESSION_COOKIE } from '@/lib/auth/sessions';
import { Password } from '@/lib/auth/validation';
import { fail, handleMutation, retryLater } from '@/lib/http/mutation';

const ChangePassword = z.object({ current: z.string({ error: 'password_required' }).min(1, { error: 'password_required' }), password: Password });

/** Changes the password (the current one required); every other session of the account ends, this one stays. */
export async function POST(request: Request) {
  return handleMutation(
    request,
    { endpoint: 'changePassword', schema: ChangePassword, access: 'signed-in', errors: 'AuthErrors' },
    async ({ db, account, input, next }) => {
      const checked = await checkCurrentPassword(db, account.id, input.current);
      if (!checked.ok) return checked.code === 'rate_limited' ? retryLater('rate_limited', checked.retryAfterSeconds) : fail('wrong_password', 403);
      if (input.current.normalize('NFKC') === input.password) return fail('password_unchanged');
      const token = (await cookies()).get(SESSION_COOKIE)?.value;
      await setPassword(db, account.id, input.password, token ? sha256(token) : null);
      return { ok: true, body: { next }, message: { key: 'Settings.passwordChanged' } };
    },
  );
}
