import { getTranslations } from 'next-intl/server';
import type { GiftView } from '@/lib/content/site';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { GiftStock } from './gift-stock';
import { RedeemButton } from './redeem-button';

/**
 * The gifts with their prices and 立即兑换. On the mall page (rendered per request)
 * it shows what is left and gives each form a fresh idempotency key; beside the
 * article (the same bytes for everyone) no key, and what is left arrives with the
 * reader state after load (GiftStock).
 */
export async function GiftList({
  locale,
  gifts,
  next,
  remaining,
  keys,
  headingLevel = 3,
}: {
  locale: Locale;
  gifts: GiftView[];
  next: string;
  remaining?: Map<string, number> | undefined;
  keys?: Map<string, string> | undefined;
  headingLevel?: 2 | 3;
}) {
  const t = await getTranslations({ locale, namespace: 'Mall' });
  const errors = await getTranslations({ locale, namespace: 'Reader' });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const mall = localizedPath(locale, '/mall');
  return (
    <ul className="gifts">
      {gifts.map((gift) => {
        const left = remaining?.get(gift.id);
        return (
          <li key={gift.id} id={`gift-${gift.id}`} className="gift">
            <Heading lang={gift.lang}>{gift.name}</Heading>
            <p lang={gift.lang}>{gift.description}</p>
            <p className="gift-meta">
              <span>{t('price', { price: gift.price })}</span>
              {remaining === undefined ? (
                <GiftStock giftId={gift.id} stock={t.raw('stock') as string} soldOut={t('soldOut')} />
              ) : (
                left !== undefined && <span>{left > 0 ? t('stock', { n: left }) : t('soldOut')}</span>
              )}
            </p>
            {left === 0 ? null : (
              <RedeemButton
                giftId={gift.id}
                price={gift.price}
                locale={locale}
                next={next}
                serverKey={keys?.get(gift.id)}
                mallHref={`${mall}#gift-${gift.id}`}
                labels={{
                  redeem: t('redeem'),
                  confirm: t('confirm', { price: gift.price, name: gift.name }),
                  cancel: t('cancel'),
                  confirmButton: t('confirmButton'),
                  // {code} stays a placeholder: the client fills in the code it gets.
                  redeemed: t('redeemed', { gift: gift.name, code: '{code}' }),
                  // {text} is filled in from the redeem answer: the page does not carry how to use each gift.
                  howToUse: t.raw('howToUse') as string,
                  short: t('short'),
                  shortBody: t('shortBody', { price: gift.price }),
                  shortBalance: t.raw('shortBalance') as string,
                  shortBy: t.raw('shortBy') as string,
                  earnLink: t('earnLink'),
                  earnHref: `${mall}#mall-earn`,
                  copy: t('copy'),
                  copied: t('copied'),
                  myRedemptions: t('toMyRedemptions'),
                  myRedemptionsHref: `${localizedPath(locale, '/me')}#me-redemptions`,
                  ok: t('ok'),
                  failed: errors('failed'),
                }}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
