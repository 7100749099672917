import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

/** The translated body of the 404 page. */
export async function NotFoundView({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'NotFound' });
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <p>
        <Link href="/" className="button">
          {t('home')}
        </Link>
      </p>
    </>
  );
}
