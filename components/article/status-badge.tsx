import { getTranslations } from 'next-intl/server';
import type { ArticleStatus } from '@/lib/content/visibility';
import type { Locale } from '@/lib/i18n/routing';

/**
 * 草稿 or 定时发布 beside an article that is not public yet. Only `npm run dev` and
 * `npm run preview` ever show such an article: a production build has none.
 */
export async function StatusBadge({ locale, status }: { locale: Locale; status: ArticleStatus }) {
  if (status === 'published') return null;
  const t = await getTranslations({ locale, namespace: 'ArticleMeta' });
  return <span className="badge status-badge">{t(status)}</span>;
}
