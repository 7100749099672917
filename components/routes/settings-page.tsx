import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { getPageReader } from '@/lib/auth/page';
import { Link } from '@/lib/i18n/navigation';
import { localizedPath, type Locale } from '@/lib/i18n/routing';

export async function settingsMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Settings' });
  return { title: t('title'), robots: { index: false } };
}

/** The signed-in reader, or a redirect to sign in and back to `path`. */
async function requireReader(locale: Locale, path: string) {
  const reader = await getPageReader();
  if (reader.status === 'signed-out') redirect(`${localizedPath(locale, '/sign-in')}?next=${encodeURIComponent(localizedPath(locale, path))}`);
  return reader;
}

/** /me/settings: plain forms (no JavaScript needed) to change the password, sign out everywhere, download the data, delete the account. */
export async function SettingsPage({ locale }: { locale: Locale }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Settings' });
  await requireReader(locale, '/me/settings');
  const self = localizedPath(locale, '/me/settings');
  return (
    <section className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('title')}</h1>
      <p>
        <Link href="/me">{t('back')}</Link>
      </p>
      <section aria-labelledby="settings-password">
        <h2 id="settings-password">{t('passwordTitle')}</h2>
        <form method="post" action="/api/me/password" className="auth-form">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="next" value={self} />
          <label>
            <span>{t('currentPassword')}</span>
            <input name="current" type="password" autoComplete="current-password" required maxLength={128} />
          </label>
          <label>
            <span>{t('newPassword')}</span>
            <input name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} aria-describedby="new-password-hint" />
          </label>
          <p id="new-password-hint" className="hint">
            {t('passwordHint')}
          </p>
          <button type="submit" className="button">
            {t('changePassword')}
          </button>
        </form>
      </section>
      <section aria-labelledby="settings-sessions">
        <h2 id="settings-sessions">{t('sessionsTitle')}</h2>
        <p className="hint">{t('sessionsHint')}</p>
        <form method="post" action="/api/me/sign-out-everywhere">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="next" value={self} />
          <button type="submit" className="button">
            {t('signOutEverywhere')}
          </button>
        </form>
      </section>
      <section aria-labelledby="settings-export">
        <h2 id="settings-export">{t('exportTitle')}</h2>
        <p className="hint">{t('exportHint')}</p>
        <form method="get" action="/api/me/export">
          <button type="submit" className="button">
            {t('export')}
          </button>
        </form>
      </section>
      <section aria-labelledby="settings-delete">
        <h2 id="settings-delete">{t('deleteTitle')}</h2>
        <p className="hint">{t('deleteHint')}</p>
        <p>
          <Link href="/me/settings/delete">{t('deleteStart')}</Link>
        </p>
      </section>
    </section>
  );
}

/** /me/settings/delete: the confirmation step of 注销账号, saying what will happen; password and a box required. */
export async function DeleteAccountPage({ locale }: { locale: Locale }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Settings' });
  await requireReader(locale, '/me/settings/delete');
  return (
    <section className="settings" aria-labelledby="delete-title">
      <h1 id="delete-title">{t('deleteHeading')}</h1>
      <p>{t('deleteWhat')}</p>
      <ul>
        <li>{t('deleteSessions')}</li>
        <li>{t('deletePersonal')}</li>
        <li>{t('deleteKept')}</li>
        <li>{t('deleteName')}</li>
      </ul>
      <form method="post" action="/api/me/delete" className="auth-form">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="next" value={localizedPath(locale, '/me/settings/delete')} />
        <label>
          <span>{t('deletePassword')}</span>
          <input name="password" type="password" autoComplete="current-password" required maxLength={128} />
        </label>
        <label className="checkbox-label">
          <input type="checkbox" name="confirm" required />
          <span>{t('deleteConfirm')}</span>
        </label>
        <button type="submit" className="button danger">
          {t('deleteSubmit')}
        </button>
      </form>
      <p>
        <Link href="/me/settings">{t('back')}</Link>
      </p>
    </section>
  );
}
