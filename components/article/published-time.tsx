import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n/routing';
import { formatPublished } from '@/lib/i18n/format';

/** A publication time shown as Beijing time in every locale, machine-readable with its offset. */
export async function PublishedTime({ locale, iso }: { locale: Locale; iso: string }) {
  const t = await getTranslations({ locale, namespace: 'Meta' });
  return (
    <time dateTime={iso}>
      {formatPublished(iso, locale)} {t('beijingTime')}
    </time>
  );
}
