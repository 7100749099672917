import { LegalPage, legalMetadata } from '@/components/routes/legal-page';
import { routing } from '@/lib/i18n/routing';

export const generateMetadata = () => legalMetadata(routing.defaultLocale, 'terms');

export default function Page() {
  return <LegalPage locale={routing.defaultLocale} kind="terms" />;
}
