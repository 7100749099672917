import { DeleteAccountPage, settingsMetadata } from '@/components/routes/settings-page';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }> };

export const dynamic = 'force-dynamic';
export const generateMetadata = async ({ params }: Props) => settingsMetadata(await localeParam(params));

export default async function Page({ params }: Props) {
  return <DeleteAccountPage locale={await localeParam(params)} />;
}
