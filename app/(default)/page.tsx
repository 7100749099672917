import { HomePage, homeMetadata } from '@/components/routes/home-page';
import { routing } from '@/lib/i18n/routing';

export const generateMetadata = () => homeMetadata(routing.defaultLocale);

export default function Page() {
  return <HomePage locale={routing.defaultLocale} />;
}
