import 'server-only';
import { getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import type { z } from 'zod';
import zhCN from '@/messages/zh-CN.json';
import type { Account } from '@/lib/auth/accounts';
import { PasswordHasherBusy } from '@/lib/auth/passwords';
import { SESSION_COOKIE, getSessionAccount } from '@/lib/auth/sessions';
import { TYPED_USERNAME_COOKIE, encodeTypedUsername, typedUsernameOptions } from '@/lib/auth/typed-username';
import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { log, requestId } from '@/lib/log';
import { readForm } from './body';
import type {
  ActionErrorCode,
  AuthErrorCode,
  ErrorCodeOf,
  ErrorNamespace,
  MutationAnswer,
  MutationErrorCode,
  MutationName,
  Mutations,
  SuccessMessageKey,
} from './contract';
import { clientKey, isHttps, isSameOrigin } from './client';
import { formLocale, refererLocale, wantsJson } from './request';
import { safeReturnPath } from './return-path';

/** Who may make a change: any signed-in reader, only moderators, or anyone (signed in or not). */
export type Access = 'signed-in' | 'moderator' | 'anyone';

export type MutationContext<I, A extends Access = 'signed-in'> = {
  db: Db;
  /** The signed-in reader; for `anyone`, null when signed out. */
  account: A extends 'anyone' ? Account | null : Account;
  input: I;
  locale: Locale;
  /** Where to go afterwards (a safe same-site path from the form). */
  next: string;
  /** The client's address key (lib/http/client.ts): what every limit and cap counts. */
  client: string;
  request: Request;
};

type Values = Record<string, string | number>;

/** A change that went through: the endpoint's body (lib/http/contract.ts), and a message for the reader. */
export type Success<Body> = { ok: true; body: Body; message?: { key: SuccessMessageKey; values?: Values }; redirect?: string };
/** A refusal: a code with a message in messages/*.json, its HTTP status and the message's values. */
export type Failure<Code extends string> = { ok: false; code: Code; status: number; values?: Values; retryAfterSeconds?: number };

/** What a mutation of endpoint K ends with: its declared body, or one of its declared codes. */
export type Outcome<K extends MutationName> = Success<Mutations[K]['body']> | Failure<MutationErrorCode<K>>;

/** A refusal with a status (400 unless said). The code must have a message; the endpoint must declare it. */
export const fail = <C extends ActionErrorCode | AuthErrorCode>(code: C, status = 400, values?: Values): Failure<C> => ({
  ok: false,
  code,
  status,
  ...(values ? { values } : {}),
});

/** A refusal to try again later: 429 with Retry-After, and the wait in whole minutes as `{minutes}`. */
export const retryLater = <C extends ActionErrorCode | AuthErrorCode>(code: C, retryAfterSeconds: number, status = 429): Failure<C> => ({
  ok: false,
  code,
  status,
  retryAfterSeconds,
  values: { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)), hours: Math.max(1, Math.round(retryAfterSeconds / 3600)) },
});

/** Whether a string (a zod issue's message) is a refusal code of the namespace. */
function isErrorCode<N extends ErrorNamespace>(namespace: N, code: string | undefined): code is ErrorCodeOf<N> {
  return code !== undefined && Object.hasOwn(zhCN[namespace], code);
}

/** A refusal's message in the reader's language. */
async function errorMessage(locale: Locale, namespace: ErrorNamespace, code: string, values?: Values): Promise<string> {
  // The one cast: every code reaching here was checked against its endpoint's
  // namespace by the types (Outcome) or by isErrorCode, which the union of two
  // namespaces' translators cannot express.
  const t = (await getTranslations({ locale, namespace })) as unknown as (key: string, values?: Values) => string;
  return t(code, values);
}

/** A form's fields as an object; a field sent more than once becomes an array. */
export function formObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
    out[key] = values.length > 1 ? values : (values[0] ?? '');
  }
  return out;
}

/** `path` (a safe return path) with `params` set in its query, its #fragment kept. */
export function withQuery(path: string, params: Record<string, string | number>): string {
  const url = new URL(path, 'https://return-path.invalid');
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value));
  return `${url.pathname}${url.search}${url.hash}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A form posted without JavaScript gets a small page with the message and a way
 * back: the pages themselves are static and cannot show it.
 */
async function messagePage(locale: Locale, status: number, message: string, back: string, headers: HeadersInit = {}): Promise<Response> {
  const t = await getTranslations({ locale, namespace: 'Actions' });
  const title = status >= 400 ? t('failedTitle') : t('doneTitle');
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p role="${status >= 400 ? 'alert' : 'status'}">${escapeHtml(message)}</p><p><a href="${escapeHtml(back)}">${escapeHtml(t('back'))}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

export type MutationOptions<S extends z.ZodType, A extends Access, K extends MutationName> = {
  /** Which endpoint of lib/http/contract.ts this is: its body and codes are checked against it. */
  endpoint: K;
  schema: S;
  access: A;
  /**
   * For the sign-in and sign-up forms: a refusal of a form posted without
   * JavaScript goes back to that page, which shows the message beside the form.
   */
  formPage?: '/sign-in' | '/sign-up';
  /**
   * For consoles of plain forms (the moderators'): a refusal of a form posted without
   * JavaScript goes back to `next` with `?error=<code>`, which the page shows in its
   * own layout and place, instead of a bare message page.
   */
  refusalsBack?: boolean;
  /** What to do instead of 503 when the database is down (sign-out still clears its cookie). */
  whenUnavailable?: (ctx: { locale: Locale; next: string }) => Promise<Outcome<K>>;
} & (Mutations[K]['namespace'] extends 'AuthErrors'
  ? { /** The messages namespace of the refusal codes. */ errors: 'AuthErrors' }
  : { errors?: 'ActionErrors' });

/**
 * Runs one state change posted as a form (by a plain form, or by fetch with
 * `accept: application/json`), in the order every state change needs:
 *
 * 1. the request comes from a page of this site (Origin, and Sec-Fetch-Site where sent);
 * 2. the body is a form of at most MAX_FORM_BYTES, read with a cap (413 beyond);
 * 3. the database is reachable (503);
 * 4. the session, where `access` needs one (a signed-out reader is sent to sign
 *    in and back to `next`; fetch gets 401), and the moderator role (404 to anyone else);
 * 5. the fields are valid by `schema` (400);
 * 6. then `run`.
 *
 * Every refusal is a 4xx (or 503) with a message in the reader's language and
 * changes nothing; JSON for fetch, a small page (or the form page) otherwise.
 * Cookies are read and set through Next's cookie API, which adds them to whatever
 * response this returns.
 */
export async function handleMutation<K extends MutationName, S extends z.ZodType, A extends Access>(
  request: Request,
  options: MutationOptions<S, A, K>,
  run: (ctx: MutationContext<z.infer<S>, A>) => Promise<Outcome<K>>,
): Promise<Response> {
  const json = wantsJson(request);
  let locale = refererLocale(request);
  let next = '/';
  const namespace: ErrorNamespace = options.errors ?? 'ActionErrors';
  type Answer = MutationAnswer<K>;

  let accountId: number | null = null;
  // A refused sign-in or sign-up form keeps what the reader typed as a username (never the password).
  let typedUsername = '';
  // One line per state change: the route, how it ended and who asked. Never the
  // form, which holds passwords, idempotency keys and the like.
  const record = (outcome: string, status: number, error?: unknown) => {
    const fields = { reqId: requestId(request), route: new URL(request.url).pathname, outcome, status, account: accountId, ...(error ? { err: error } : {}) };
    if (status >= 500) log.error(fields, 'state change failed');
    else log.info(fields, 'state change');
  };
  // Outcome<K> is what `run` may answer (checked where it is written); the pipeline's
  // own refusals and a schema's codes (checked against messages by isErrorCode) join it here.
  const answer = async (outcome: Outcome<K> | Failure<ActionErrorCode | AuthErrorCode>, error?: unknown): Promise<Response> => {
    record(outcome.ok ? 'ok' : outcome.code, outcome.ok ? (json || outcome.message ? 200 : 303) : outcome.status, error);
    if (outcome.ok) {
      const message = outcome.message ? (await getTranslations({ locale }))(outcome.message.key, outcome.message.values) : undefined;
      const to = outcome.redirect ?? next;
      if (json) {
        // Outcome<K> checked the body; TypeScript cannot follow a spread of a generic type.
        const body = { ok: true, ...outcome.body, ...(message ? { message } : {}) } as Answer;
        return Response.json(body, { headers: { 'cache-control': 'no-store' } });
      }
      if (message) return messagePage(locale, 200, message, to);
      return new Response(null, { status: 303, headers: { location: to, 'cache-control': 'no-store' } });
    }
    const message = await errorMessage(locale, namespace, outcome.code, outcome.values);
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (outcome.retryAfterSeconds) headers['retry-after'] = String(outcome.retryAfterSeconds);
    if (json) return Response.json({ ok: false, code: outcome.code, message }, { status: outcome.status, headers });
    if (options.refusalsBack) {
      return new Response(null, { status: 303, headers: { ...headers, location: withQuery(next, { error: outcome.code }) } });
    }
    if (options.formPage) {
      const retry = outcome.retryAfterSeconds ? `&retry=${outcome.retryAfterSeconds}` : '';
      const formPath = localizedPath(locale, options.formPage);
      // The typed name goes back in a cookie for the form page only, never in the address.
      const kept = encodeTypedUsername(typedUsername);
      if (kept) (await cookies()).set(TYPED_USERNAME_COOKIE, kept, typedUsernameOptions(formPath, isHttps(request)));
      const location = `${formPath}?error=${encodeURIComponent(outcome.code)}&next=${encodeURIComponent(next)}${retry}`;
      return new Response(null, { status: 303, headers: { ...headers, location } });
    }
    return messagePage(locale, outcome.status, message, next, headers);
  };

  if (!isSameOrigin(request)) return answer(fail('bad_origin', 403));
  const read = await readForm(request);
  if (!read.ok) return answer(fail(read.code, read.status));
  const { form } = read;
  if (form.has('locale')) locale = formLocale(form.get('locale'));
  next = safeReturnPath(form.get('next'));
  const typed = form.get('username');
  if (options.formPage && typeof typed === 'string') typedUsername = typed;

  let db: Db;
  let account: Account | null;
  try {
    ({ db } = await getDb());
    const token = (await cookies()).get(SESSION_COOKIE)?.value;
    account = token ? await getSessionAccount(db, token) : null;
  } catch (error) {
    return answer(options.whenUnavailable ? await options.whenUnavailable({ locale, next }) : fail('unavailable', 503), error);
  }
  accountId = account?.id ?? null;
  if (!account && options.access !== 'anyone') {
    record('sign_in_required', json ? 401 : 303);
    const signInUrl = `${localizedPath(locale, '/sign-in')}?next=${encodeURIComponent(next)}`;
    if (!json) return new Response(null, { status: 303, headers: { location: signInUrl, 'cache-control': 'no-store' } });
    const t = await getTranslations({ locale, namespace: 'ActionErrors' });
    const refusal = { ok: false, code: 'sign_in_required', message: t('sign_in_required'), signInUrl } satisfies Answer;
    return Response.json(refusal, { status: 401, headers: { 'cache-control': 'no-store' } });
  }
  // To anyone but a moderator, moderators' actions do not exist.
  if (options.access === 'moderator' && !account?.isModerator) return answer(fail('not_found', 404));

  const parsed = options.schema.safeParse(formObject(form));
  if (!parsed.success) {
    // A schema names its refusals by code (`{ error: 'stars_range' }`); zod's own
    // English messages, for checks that name none, are plain invalid input.
    const code = parsed.error.issues[0]?.message;
    if (isErrorCode(namespace, code)) return answer(fail(code, 400));
    return answer(fail('invalid_input', 400));
  }
  try {
    const ctx = { db, account, input: parsed.data, locale, next, client: clientKey(request), request } as MutationContext<z.infer<S>, A>;
    return await answer(await run(ctx));
  } catch (error) {
    if (error instanceof PasswordHasherBusy) return answer(fail('busy', 503));
    return answer(fail('unavailable', 503), error);
  }
}
