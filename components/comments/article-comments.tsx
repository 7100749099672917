import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { CommentsSection } from './comments-section';

/** The comments under an article, with the community rules one click away. */
export async function ArticleComments({ locale, slug }: { locale: Locale; slug: string }) {
  const t = await getTranslations({ locale, namespace: 'Comments' });
  const consent = await getTranslations({ locale, namespace: 'Consent' });
  const fb = await getTranslations({ locale, namespace: 'Feedback' });
  const next = localizedPath(locale, `/articles/${slug}`);
  return (
    <>
      <CommentsSection
        slug={slug}
        locale={locale}
        next={next}
        signInHref={`${localizedPath(locale, '/sign-in')}?next=${encodeURIComponent(next)}`}
        rulesLink={<Link href="/rules">{t('rules')}</Link>}
        appeal={{ hrefPrefix: `${localizedPath(locale, '/feedback')}?comment=`, label: fb('appealComment') }}
        appealBan={{ href: `${localizedPath(locale, '/feedback')}?ban=1`, label: fb('appealBan') }}
        rulesConsent={consent.rich('rulesAccept', { rules: (chunks) => <Link href="/rules">{chunks}</Link> })}
        labels={{
          title: t('title'),
          count: t.raw('count') as string,
          empty: t('empty'),
          label: t('label'),
          placeholder: t('placeholder'),
          submit: t('submit'),
          pending: t('pending'),
          rejected: t.raw('rejected') as string,
          report: t('report'),
          reported: t('reported'),
          previous: t('previous'),
          next: t('next'),
          pageOf: t.raw('pageOf') as string,
          signInToComment: t('signInToComment'),
          unavailable: t('unavailable'),
          failed: t('failed'),
          expand: t('expand'),
          collapse: t('collapse'),
          justNow: t('justNow'),
          minutesAgo: t.raw('minutesAgo') as string,
          hoursAgo: t.raw('hoursAgo') as string,
          reportSheet: {
            title: t('reportTitle'),
            hint: t('reportHint'),
            confirm: t('reportConfirm'),
            cancel: t('cancel'),
            reasonRequired: t('reasonRequired'),
          },
        }}
      />
      {/* A plain link, there for everyone: without JavaScript the list above cannot load. */}
      <p className="comments-all">
        <Link href={`/articles/${slug}/comments`}>{t('readAll')}</Link>
      </p>
    </>
  );
}
