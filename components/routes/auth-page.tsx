import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { cookies } from 'next/headers';
import { AUTH_ERROR_CODES } from '@/lib/auth/errors';
import { TYPED_USERNAME_COOKIE, decodeTypedUsername } from '@/lib/auth/typed-username';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { safeReturnPath } from '@/lib/http/return-path';

type Mode = 'sign-in' | 'sign-up';
export type AuthSearchParams = Promise<{ error?: string; next?: string; retry?: string }>;

/** Which field a refusal is about: its message sits beside that field; the rest above the form. */
function fieldOf(code: string | undefined): 'username' | 'password' | 'consent' | 'form' {
  if (!code) return 'form';
  if (code.startsWith('username_')) return 'username';
  if (code.startsWith('password_') || code === 'invalid_credentials') return 'password';
  if (code === 'consent_required') return 'consent';
  return 'form';
}

/** Sign-in and sign-up pages are not indexed. */
export async function authMetadata(locale: Locale, mode: Mode): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Account' });
  return { title: t(mode === 'sign-in' ? 'signInTitle' : 'signUpTitle'), robots: { index: false } };
}

/** A plain form (works without JavaScript) posting to /api/auth/<mode>; the error code comes back in the URL, the typed name in a cookie. */
export async function AuthPage({ locale, mode, searchParams }: { locale: Locale; mode: Mode; searchParams: AuthSearchParams }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Account' });
  const consent = await getTranslations({ locale, namespace: 'Consent' });
  const errors = await getTranslations({ locale, namespace: 'AuthErrors' });
  const params = await searchParams;
  const next = safeReturnPath(params.next ?? '/');
  const code = AUTH_ERROR_CODES.find((c) => c === params.error);
  // What a refused form had as its username (a cookie the refusal set): only beside its refusal.
  const typed = code ? decodeTypedUsername((await cookies()).get(TYPED_USERNAME_COOKIE)?.value) : undefined;
  const retry = Number(params.retry ?? 60);
  const minutes = Math.max(1, Math.ceil(retry / 60) || 1);
  const hours = Math.max(1, Math.round(retry / 3600) || 1);
  const signIn = mode === 'sign-in';
  const other = `${signIn ? '/sign-up' : '/sign-in'}?next=${encodeURIComponent(next)}`;
  const message = code ? errors(code, { minutes, hours }) : '';
  const field = fieldOf(code);
  // The message beside its field, announced, and tied to the field it is about.
  const errorFor = (f: ReturnType<typeof fieldOf>) =>
    code && field === f ? (
      <p id={`${f}-error`} role="alert" className="form-error">
        {message}
      </p>
    ) : null;
  const describedBy = (f: 'username' | 'password', hint: string) => (code && field === f ? `${f}-error ${hint}` : hint);
  return (
    <section className="auth" aria-labelledby="auth-title">
      <h1 id="auth-title">{t(signIn ? 'signInTitle' : 'signUpTitle')}</h1>
      <form method="post" action={`/api/auth/${mode}`} className="auth-form" aria-describedby={code && field === 'form' ? 'auth-error' : undefined}>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="next" value={next} />
        {/* One alert per refusal: a message about a field is beside that field instead. */}
        {(!code || field === 'form') && (
          <p id="auth-error" role="alert" className="form-error">
            {message}
          </p>
        )}
        <label>
          <span>{t('username')}</span>
          <input
            name="username"
            autoComplete="username"
            required
            minLength={2}
            maxLength={40}
            defaultValue={typed}
            aria-invalid={field === 'username' ? true : undefined}
            aria-describedby={describedBy('username', 'username-hint')}
          />
        </label>
        {errorFor('username')}
        <p id="username-hint" className="hint">
          {t('usernameHint')}
        </p>
        <label>
          <span>{t('password')}</span>
          <input
            name="password"
            type="password"
            autoComplete={signIn ? 'current-password' : 'new-password'}
            required
            minLength={8}
            maxLength={128}
            autoFocus={typed !== undefined}
            aria-invalid={field === 'password' ? true : undefined}
            aria-describedby={describedBy('password', 'password-hint')}
          />
        </label>
        {errorFor('password')}
        <p id="password-hint" className="hint">
          {t('passwordHint')}
        </p>
        {!signIn && (
          // `required` helps; the server refuses a sign-up without it all the same.
          <label className="checkbox-label">
            <input
              type="checkbox"
              name="consent"
              required
              aria-invalid={field === 'consent' ? true : undefined}
              aria-describedby={field === 'consent' ? 'consent-error' : undefined}
            />
            <span>
              {consent.rich('signUpAccept', {
                terms: (chunks) => <Link href="/terms">{chunks}</Link>,
                privacy: (chunks) => <Link href="/privacy">{chunks}</Link>,
              })}
            </span>
          </label>
        )}
        {errorFor('consent')}
        <button type="submit" className="button">
          {t(signIn ? 'submitSignIn' : 'submitSignUp')}
        </button>
      </form>
      <p>
        {t(signIn ? 'noAccount' : 'haveAccount')} <Link href={other}>{t(signIn ? 'signUp' : 'signIn')}</Link>
      </p>
    </section>
  );
}
