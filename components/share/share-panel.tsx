import { getTranslations } from 'next-intl/server';
import { REFERRAL_REWARD, SHARE_READ_CAP } from '@/lib/feathers/amounts';
import type { Locale } from '@/lib/i18n/routing';
import { QrCode } from './qr-code';
import { ShareActions } from './share-actions';

/**
 * 分享到朋友圈: a disclosure (works without JavaScript) holding a QR code of the
 * article's canonical URL for WeChat, and the copy/share actions.
 */
export async function SharePanel({ locale, slug, url, title }: { locale: Locale; slug: string; url: string; title: string }) {
  const t = await getTranslations({ locale, namespace: 'Share' });
  const reward = await getTranslations({ locale, namespace: 'ShareReward' });
  return (
    <details className="share">
      <summary className="button button-secondary">{t('open')}</summary>
      <div className="share-popover">
        <figure className="share-qr">
          <QrCode locale={locale} slug={slug} label={t('qrLabel')} />
          <figcaption>{t('scan')}</figcaption>
        </figure>
        <p className="share-reward">
          {reward('line', { cap: SHARE_READ_CAP })}
          <br />
          {reward('referral', { amount: REFERRAL_REWARD })}
        </p>
        <ShareActions
          url={url}
          title={title}
          labels={{
            copy: t('copy'),
            copied: t('copied'),
            copyFallback: t('copyFallback'),
            link: t('link'),
            nativeShare: t('nativeShare'),
            wechatHint: t('wechatHint'),
          }}
        />
      </div>
    </details>
  );
}
