import { cookies } from 'next/headers';
import { z } from 'zod';
import { SESSION_COOKIE, deleteSession } from '@/lib/auth/sessions';
import { setSessionCookie } from '@/lib/auth/web';
import { isHttps } from '@/lib/http/client';
import { handleMutation } from '@/lib/http/mutation';

/** Signs out: deletes the session row and clears the cookie. */
export async function POST(request: Request) {
  const clearCookie = async ({ next }: { next: string }) => {
    await setSessionCookie(null, isHttps(request));
    return { ok: true as const, body: { next } };
  };
  // With the database down the cookie is cleared all the same; the row expires on its own.
  return handleMutation(
    request,
    { endpoint: 'signOut', schema: z.object({}), access: 'anyone', errors: 'AuthErrors', whenUnavailable: clearCookie },
    async ({ db, next }) => {
      const token = (await cookies()).get(SESSION_COOKIE)?.value;
      if (token) await deleteSession(db, token);
      return clearCookie({ next });
    },
  );
}
