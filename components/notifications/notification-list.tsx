import { getTranslations } from 'next-intl/server';
import { getArticleSummary, getRuleCategory } from '@/lib/content/site';
import { REASONS, type Reason } from '@/lib/feathers/ledger';
import { formatDateTime } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import type { Notification, NotificationPayload } from '@/lib/notifications/notifications';
import { MarkSeenForm } from './mark-seen-form';

/**
 * The reader's notifications on /me, newest first, unseen ones marked 新, and
 * 全部标为已读 for the newest one shown.
 */
export async function NotificationList({ locale, items, next }: { locale: Locale; items: Notification[]; next: string }) {
  const t = await getTranslations({ locale, namespace: 'Notifications' });
  const feathers = await getTranslations({ locale, namespace: 'Feathers' });
  // A category is named as the rules name it now, in the reader's script (README "Writing the rules").
  const category = (id: string) => {
    const c = getRuleCategory(locale, id);
    return {
      reason: c?.name ?? id,
      category: (chunks: React.ReactNode) => <span lang={c && c.lang !== locale ? c.lang : undefined}>{chunks}</span>,
    };
  };
  // The article's title, linked while the article exists (a removed one keeps its slug).
  const article = (slug: string) => {
    const a = getArticleSummary(locale, slug);
    return {
      title: a?.title ?? slug,
      article: (chunks: React.ReactNode) =>
        a ? (
          <Link href={`/articles/${slug}`} lang={a.lang}>
            {chunks}
          </Link>
        ) : (
          chunks
        ),
    };
  };
  const reasonLabel = (r: string, note: string | null) => {
    const label = REASONS.includes(r as Reason) ? feathers(`reasons.${r as Reason}`) : r;
    return note ? feathers('reasonWithNote', { reason: label, note }) : label;
  };
  const text = (p: NotificationPayload): React.ReactNode => {
    switch (p.kind) {
      case 'comment_approved':
        return t.rich('comment_approved', { ...article(p.articleSlug), feathers: p.feathers });
      case 'comment_rejected':
        return t.rich('comment_rejected', { ...article(p.articleSlug), ...category(p.category) });
      case 'comment_removed':
        return t.rich('comment_removed', { ...article(p.articleSlug), feathers: p.feathers, ...category(p.category) });
      case 'feathers':
        return t(p.delta > 0 ? 'feathersCredited' : 'feathersTaken', { n: Math.abs(p.delta), reason: reasonLabel(p.reason, p.note) });
      case 'ban':
        return p.until
          ? t.rich('banUntil', { until: formatDateTime(new Date(p.until), locale), ...category(p.category) })
          : t.rich('banForever', category(p.category));
      case 'feedback_answered':
        // The answer itself is in 我的反馈 on /me, where it can be read whole.
        return t.rich(p.outcome === 'restored' ? 'feedbackRestored' : p.outcome === 'ban_lifted' ? 'feedbackBanLifted' : 'feedbackAnswered', {
          feathers: p.feathers,
          answer: (chunks) => <a href="#my-feedback">{chunks}</a>,
        });
    }
  };
  const unseen = items.filter((n) => !n.seen);
  return (
    <section aria-labelledby="notifications" className="notifications">
      <h2 id="notifications">{t('title')}</h2>
      {items.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <>
          {unseen.length > 0 && (
            <MarkSeenForm upTo={items[0]!.id} locale={locale} next={next} labels={{ markAllSeen: t('markAllSeen'), allSeen: t('allSeen') }} />
          )}
          <ul className="me-list">
            {items.map((n) => (
              <li key={n.id} className={n.seen ? undefined : 'unseen'}>
                {!n.seen && <span className="badge">{t('new')}</span>} {text(n.payload)} ·{' '}
                <time className="hint" dateTime={n.createdAt.toISOString()}>
                  {formatDateTime(n.createdAt, locale)}
                </time>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
