import { getTranslations } from 'next-intl/server';
import { COMMENT_REWARD, QUIZ_REWARD, REFERRAL_REWARD, SHARE_READ_CAP, SHARE_READ_REWARD } from '@/lib/feathers/amounts';
import type { Locale } from '@/lib/i18n/routing';

/**
 * 如何获得羽毛: every way of earning feathers with its amount, read from
 * lib/feathers/amounts.ts (what the rewards code pays), never written in a message.
 */
export async function HowToEarn({ locale, headingId }: { locale: Locale; headingId: string }) {
  const t = await getTranslations({ locale, namespace: 'Feathers.earn' });
  return (
    <section aria-labelledby={headingId} className="how-to-earn">
      <h2 id={headingId}>{t('title')}</h2>
      <ul>
        <li>{t('quiz', { amount: QUIZ_REWARD })}</li>
        <li>{t('shareRead', { amount: SHARE_READ_REWARD, cap: SHARE_READ_CAP })}</li>
        <li>{t('referral', { amount: REFERRAL_REWARD })}</li>
        <li>{t('comment', { amount: COMMENT_REWARD })}</li>
      </ul>
    </section>
  );
}
