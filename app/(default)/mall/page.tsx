import { MallPage, mallMetadata } from '@/components/routes/mall-page';
import { routing } from '@/lib/i18n/routing';

export const dynamic = 'force-dynamic';
export const generateMetadata = () => mallMetadata(routing.defaultLocale);

export default function Page() {
  return <MallPage locale={routing.defaultLocale} />;
}
