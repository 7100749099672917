import { getTranslations } from 'next-intl/server';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { ActionBar } from './action-bar';
import { FavouriteToggle } from './favourite-toggle';
import { RatingControl } from './rating-control';

/** 收藏 and 评分 under the article; the reader's part fills in after the page loads. */
export async function ArticleActions({ locale, slug }: { locale: Locale; slug: string }) {
  const t = await getTranslations({ locale, namespace: 'Reader' });
  // Back to these controls after a plain form post or the sign-in page (no JavaScript).
  const next = `${localizedPath(locale, `/articles/${slug}`)}#reader-actions`;
  return (
    <section className="reader-actions" aria-label={t('actionsLabel')} id="reader-actions">
      <FavouriteToggle
        slug={slug}
        locale={locale}
        next={next}
        labels={{ favourite: t('favourite'), count: t.raw('favouriteCount') as string, failed: t('failed') }}
      />
      <RatingControl
        slug={slug}
        locale={locale}
        next={next}
        labels={{
          legend: t('ratingLegend'),
          star: t.raw('star') as string,
          submit: t('submitRating'),
          overall: t.raw('overall') as string,
          overallNone: t('overallNone'),
          mine: t.raw('mine') as string,
          mineNone: t('mineNone'),
          failed: t('failed'),
        }}
      />
    </section>
  );
}

/** The action bar: fixed at the bottom of a phone screen, beside the text on a wide one. */
export async function ArticleActionBar({ locale, slug }: { locale: Locale; slug: string }) {
  const t = await getTranslations({ locale, namespace: 'Reader' });
  return (
    <ActionBar
      slug={slug}
      locale={locale}
      next={`${localizedPath(locale, `/articles/${slug}`)}#reader-actions`}
      feathersHref={`${localizedPath(locale, '/me')}#feathers`}
      labels={{
        label: t('barLabel'),
        favourite: t('favourite'),
        comments: t('comments'),
        share: t('share'),
        feathers: t('feathers'),
        failed: t('failed'),
      }}
    />
  );
}
