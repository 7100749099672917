import { LegalPage, legalMetadata } from '@/components/routes/legal-page';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }> };

export const generateMetadata = async ({ params }: Props) => legalMetadata(await localeParam(params), 'privacy');

export default async function Page({ params }: Props) {
  return <LegalPage locale={await localeParam(params)} kind="privacy" />;
}
