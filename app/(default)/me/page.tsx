import { MePage, meMetadata } from '@/components/routes/me-page';
import { routing } from '@/lib/i18n/routing';

export const dynamic = 'force-dynamic';
export const generateMetadata = () => meMetadata(routing.defaultLocale);

export default function Page() {
  return <MePage locale={routing.defaultLocale} />;
}
