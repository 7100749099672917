import { DeleteAccountPage, settingsMetadata } from '@/components/routes/settings-page';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }> };

export const dynamic = 'force-dynamic';
export const generateMetadata = async ({ params }: Props) => settingsMetadata((await params).locale as Locale);

export default async function Page({ params }: Props) {
  return <DeleteAccountPage locale={(await params).locale as Locale} />;
}
