import { NotFoundView } from '@/components/layout/not-found-view';
import { routing } from '@/lib/i18n/routing';

/** What a page's own notFound() shows (a moderator's page to anyone else): the site's 404, not Next's English one. */
export default function NotFound() {
  return <NotFoundView locale={routing.defaultLocale} />;
}
