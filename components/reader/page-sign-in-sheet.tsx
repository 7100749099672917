import { getTranslations } from 'next-intl/server';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { SIGN_IN_REASONS, type SignInReason } from './sign-in-reasons';
import { SignInSheet } from './sign-in-sheet';

/**
 * The sign-in sheet of one page (an article, the mall): its controls open it for a
 * signed-out reader, who stays on `path` (unlocalized, e.g. '/mall') while signing in.
 */
export async function PageSignInSheet({ locale, path }: { locale: Locale; path: string }) {
  const t = await getTranslations({ locale, namespace: 'SignInSheet' });
  const account = await getTranslations({ locale, namespace: 'Account' });
  const reader = await getTranslations({ locale, namespace: 'Reader' });
  return (
    <SignInSheet
      locale={locale}
      path={localizedPath(locale, path)}
      signUpHref={localizedPath(locale, '/sign-up')}
      labels={{
        title: account('signInTitle'),
        reasons: Object.fromEntries(SIGN_IN_REASONS.map((r) => [r, t(r)])) as Record<SignInReason, string>,
        username: account('username'),
        password: account('password'),
        submit: account('submitSignIn'),
        cancel: t('cancel'),
        noAccount: account('noAccount'),
        signUp: account('signUp'),
        failed: reader('failed'),
      }}
    />
  );
}
