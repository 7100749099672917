import { SESSION_COOKIE, deleteSession } from '@/lib/auth/sessions';
import { getTranslations } from 'next-intl/server';
import { authSuccess, formContext } from '@/lib/auth/web';
import { getDb } from '@/lib/db';
import { isSameOrigin, readCookie } from '@/lib/http/request';

/** Signs out: deletes the session row and clears the cookie. */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => new FormData());
  const { locale, next } = formContext(form);
  if (!isSameOrigin(request)) {
    const t = await getTranslations({ locale, namespace: 'AuthErrors' });
    return Response.json({ ok: false, code: 'bad_origin', message: t('bad_origin') }, { status: 403 });
  }
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
