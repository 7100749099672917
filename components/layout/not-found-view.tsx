import { getTranslations } from 'next-intl/server';
import { localizedPath, type Locale } from '@/lib/i18n/routing';

/**
 * The translated body of the 404 page. Its link is a plain `<a>`: a layout's not-found
 * tree travels in the flight payload of every page under it (the article's too), and
 * a next/link there adds a client reference for a link that is rarely followed.
 */
export async function NotFoundView({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'NotFound' });
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <p>
        <a href={localizedPath(locale, '/')} className="button">
          {t('home')}
        </a>
      </p>
    </>
  );
}
