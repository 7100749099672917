import { SESSION_COOKIE, deleteSession } from '@/lib/auth/sessions';
import { authSuccess, checkOrigin, formContext } from '@/lib/auth/web';
import { getDb } from '@/lib/db';
import { readCookie } from '@/lib/http/request';

/** Signs out: deletes the session row and clears the cookie. */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => new FormData());
  const { next } = formContext(form);
  if (!checkOrigin(request)) return Response.json({ ok: false, code: 'bad_origin' }, { status: 403 });
  const token = readCookie(request, SESSION_COOKIE);
  if (token) {
    try {
      await deleteSession((await getDb()).db, token);
    } catch {
      // The cookie is cleared anyway; the row expires on its own.
    }
  }
  return authSuccess(request, next, null);
}
