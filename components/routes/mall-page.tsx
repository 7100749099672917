import { randomBytes } from 'node:crypto';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { GiftList } from '@/components/feathers/gift-list';
import { HowToEarn } from '@/components/feathers/how-to-earn';
import { MallBalance } from '@/components/feathers/mall-balance';
import { PageSignInSheet } from '@/components/reader/page-sign-in-sheet';
import './me-page.css';
import { getGiftSource, listGifts } from '@/lib/content/site';
import { getMallStock } from '@/lib/feathers/mall';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { alternatesFor } from '@/lib/seo';

export async function mallMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Mall' });
  return { title: t('title'), description: t('intro'), alternates: alternatesFor(locale, '/mall') };
}

/** 羽毛精选: the gifts with what is left of each; rendered per request, as stock changes. */
export async function MallPage({ locale }: { locale: Locale }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Me' });
  const mall = await getTranslations({ locale, namespace: 'Mall' });
  const gifts = listGifts(locale);
  // While the database is down the gifts still show; redeeming says the service is unavailable.
  const remaining = await getMallStock(gifts.map((g) => getGiftSource(g.id)!));
  // One key per gift and page view: a double-submitted form redeems once.
  const keys = new Map(gifts.map((g) => [g.id, randomBytes(18).toString('base64url')]));
  return (
    <section className="mall" aria-labelledby="mall-title">
      <h1 id="mall-title">{mall('title')}</h1>
      <MallBalance
        labels={{ balance: mall('balanceLabel'), howToEarn: mall('howToEarn'), myRedemptions: mall('toMyRedemptions'), signIn: mall('signInForBalance') }}
        earnHref="#mall-earn"
        redemptionsHref={`${localizedPath(locale, '/me')}#me-redemptions`}
        signInHref={`${localizedPath(locale, '/sign-in')}?next=${encodeURIComponent(localizedPath(locale, '/mall'))}`}
      />
      <p>{mall('intro')}</p>
      {!remaining && (
        <p role="status" className="notice">
          {t('unavailable')}
        </p>
      )}
      <GiftList locale={locale} gifts={gifts} next={localizedPath(locale, '/mall')} remaining={remaining} keys={keys} headingLevel={2} />
      <HowToEarn locale={locale} headingId="mall-earn" />
      {/* 立即兑换 signed out signs in over the mall, then reopens that gift's confirmation. */}
      <PageSignInSheet locale={locale} path="/mall" />
    </section>
  );
}
