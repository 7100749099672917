import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ResetPasswordForm } from '@/components/account/reset-password-form';
import type { Locale } from '@/lib/i18n/routing';

export async function resetPasswordMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Settings' });
  return { title: t('resetTitle'), robots: { index: false } };
}

/** /reset-password?token=…: static; the token is read in the browser (or typed, without JavaScript) and posted with the form. */
export async function ResetPasswordPage({ locale }: { locale: Locale }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Settings' });
  const errors = await getTranslations({ locale, namespace: 'AuthErrors' });
  const account = await getTranslations({ locale, namespace: 'Account' });
  return (
    <section className="auth" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('resetTitle')}</h1>
      <p>{t('resetIntro')}</p>
      <ResetPasswordForm
        locale={locale}
        labels={{
          password: t('newPassword'),
          hint: account('passwordHint'),
          submit: t('resetSubmit'),
          checking: t('resetChecking'),
          noLink: t('resetNoLink'),
          unavailable: errors('unavailable'),
          reset_invalid: errors('reset_invalid'),
          reset_used: errors('reset_used'),
          reset_expired: errors('reset_expired'),
        }}
      />
      <noscript>
        <form method="post" action="/api/auth/reset-password" className="auth-form">
          <input type="hidden" name="locale" value={locale} />
          <label>
            <span>{t('resetCode')}</span>
            <input name="token" required autoComplete="off" />
          </label>
          <label>
            <span>{t('newPassword')}</span>
            <input name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} />
          </label>
          <button type="submit" className="button">
            {t('resetSubmit')}
          </button>
        </form>
      </noscript>
    </section>
  );
}
