import { NotFoundPage, notFoundMetadata } from '@/components/routes/not-found-page';
import { routing } from '@/lib/i18n/routing';

export const generateMetadata = () => notFoundMetadata(routing.defaultLocale);

export default function Page() {
  return <NotFoundPage locale={routing.defaultLocale} />;
}
