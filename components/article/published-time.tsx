import { getFormatter, getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n/routing';
import { TIME_ZONE } from '@/lib/i18n/format';

/** A publication time shown as Beijing time in every locale, machine-readable with its offset. */
export async function PublishedTime({ locale, iso }: { locale: Locale; iso: string }) {
  const format = await getFormatter({ locale });
  const t = await getTranslations({ locale, namespace: 'Meta' });
  const text = format.dateTime(new Date(iso), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  });
  return (
    <time dateTime={iso}>
      {text} {t('beijingTime')}
    </time>
  );
}
