import { getTranslations } from 'next-intl/server';
import { REFERRAL_REWARD, SHARE_READ_CAP } from '@/lib/feathers/amounts';
import type { Locale } from '@/lib/i18n/routing';
import { QrCode } from './qr-code';
import { POSTER_SIZE } from './share-image-sizes';
import { ShareImage } from './share-image';
import { ShareActions } from './share-actions';
import { ShareTitle } from './share-title';

/**
 * 分享 (分享给朋友，得羽毛 signed in): a disclosure (works without JavaScript) holding a QR code of the
 * article's canonical URL for WeChat, the copy/share actions, and the share poster
 * (分享海报) a WeChat reader long-presses to save and posts to 朋友圈. Signed in, the
 * QR code and the poster carry the reader's share link instead (see ShareImage).
 */
export async function SharePanel({ locale, slug, url, title }: { locale: Locale; slug: string; url: string; title: string }) {
  const t = await getTranslations({ locale, namespace: 'Share' });
  const reward = await getTranslations({ locale, namespace: 'ShareReward' });
  return (
    <details className="share" id="share">
      <summary className="button button-secondary">
        <ShareTitle signedOut={t('open')} signedIn={t('openSignedIn')} />
      </summary>
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
        <figure className="share-poster">
          <ShareImage
            className="poster"
            src={`/poster/${locale}/${slug}`}
            personalSrc={`/api/share/poster?article=${encodeURIComponent(slug)}&locale=${locale}`}
            alt={t('posterLabel', { title })}
            width={POSTER_SIZE.width}
            height={POSTER_SIZE.height}
          />
          <figcaption>{t('posterHint')}</figcaption>
        </figure>
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
