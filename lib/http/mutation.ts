import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import type { Account } from '@/lib/auth/accounts';
import { SESSION_COOKIE, getSessionAccount } from '@/lib/auth/sessions';
import { formContext } from '@/lib/auth/web';
import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { isSameOrigin, readCookie, wantsJson } from './request';

export type MutationContext<I> = { db: Db; account: Account; input: I; locale: Locale; next: string; request: Request };

/** What a mutation ends with: data for the page, or an error code with a message in ActionErrors. */
export type Outcome =
  | { ok: true; body?: Record<string, unknown>; message?: { key: string; values?: Record<string, string | number> } }
  | { ok: false; code: string; status: number; values?: Record<string, string | number> };

export const fail = (code: string, status = 400, values?: Record<string, string | number>): Outcome => ({ ok: false, code, status, values });

/** A form's fields as an object; a field sent more than once becomes an array. */
export function formObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
    out[key] = values.length > 1 ? values : (values[0] ?? '');
  }
  return out;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A form posted without JavaScript gets a small page with the message and a way
 * back: the pages themselves are static and cannot show it.
 */
async function messagePage(locale: Locale, status: number, message: string, back: string): Promise<Response> {
  const t = await getTranslations({ locale, namespace: 'Actions' });
  const title = status >= 400 ? t('failedTitle') : t('doneTitle');
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p role="${status >= 400 ? 'alert' : 'status'}">${escapeHtml(message)}</p><p><a href="${escapeHtml(back)}">${escapeHtml(t('back'))}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

/**
 * Runs one state change posted as a form (by a plain form, or by fetch with
 * `accept: application/json`), in the order every mutation needs: same origin,
 * database reachable, signed in (otherwise off to sign in and back to `next`), the
 * fields valid by `schema`, then `run`. Every refusal is a 4xx with a message in
 * the reader's language and changes nothing.
 */
export async function handleMutation<S extends z.ZodType>(
  request: Request,
  schema: S,
  run: (ctx: MutationContext<z.infer<S>>) => Promise<Outcome>,
): Promise<Response> {
  const form = await request.formData().catch(() => new FormData());
  const { locale, next } = formContext(form);
  const json = wantsJson(request);
  const t = await getTranslations({ locale, namespace: 'ActionErrors' });

  const answer = async (outcome: Outcome): Promise<Response> => {
    if (outcome.ok) {
      const message = outcome.message ? (await getTranslations({ locale }))(outcome.message.key, outcome.message.values) : undefined;
      if (json) return Response.json({ ok: true, ...outcome.body, ...(message ? { message } : {}) }, { headers: { 'cache-control': 'no-store' } });
      if (message) return messagePage(locale, 200, message, next);
      return new Response(null, { status: 303, headers: { location: next } });
    }
    const message = t.has(outcome.code) ? t(outcome.code, outcome.values) : t('invalid_input');
    if (json) return Response.json({ ok: false, code: outcome.code, message }, { status: outcome.status, headers: { 'cache-control': 'no-store' } });
    return messagePage(locale, outcome.status, message, next);
  };

  if (!isSameOrigin(request)) return answer(fail('bad_origin', 403));
  let db: Db;
  let account: Account | null;
  try {
    ({ db } = await getDb());
    const token = readCookie(request, SESSION_COOKIE);
    account = token ? await getSessionAccount(db, token) : null;
  } catch {
    return answer(fail('unavailable', 503));
  }
  if (!account) {
    const signInUrl = `${localizedPath(locale, '/sign-in')}?next=${encodeURIComponent(next)}`;
    if (!json) return new Response(null, { status: 303, headers: { location: signInUrl } });
    return Response.json({ ok: false, code: 'sign_in_required', message: t('sign_in_required'), signInUrl }, { status: 401 });
  }
  const parsed = schema.safeParse(formObject(form));
  if (!parsed.success) {
    const code = parsed.error.issues[0]?.message;
    return answer(fail(code && t.has(code) ? code : 'invalid_input', 400));
  }
  try {
    return await answer(await run({ db, account, input: parsed.data, locale, next, request }));
  } catch (error) {
    console.error('mutation failed', error);
    return answer(fail('unavailable', 503));
  }
}
