import { SettingsPage, settingsMetadata } from '@/components/routes/settings-page';
import { routing } from '@/lib/i18n/routing';

export const dynamic = 'force-dynamic';
export const generateMetadata = () => settingsMetadata(routing.defaultLocale);

export default function Page() {
  return <SettingsPage locale={routing.defaultLocale} />;
}
