import { RulesPage, rulesMetadata } from '@/components/routes/rules-page';
import { routing } from '@/lib/i18n/routing';

export const generateMetadata = () => rulesMetadata(routing.defaultLocale);

export default function Page() {
  return <RulesPage locale={routing.defaultLocale} />;
}
