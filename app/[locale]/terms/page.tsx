import { LegalPage, legalMetadata } from '@/components/routes/legal-page';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }> };

export const generateMetadata = async ({ params }: Props) => legalMetadata((await params).locale as Locale, 'terms');

export default async function Page({ params }: Props) {
  return <LegalPage locale={(await params).locale as Locale} kind="terms" />;
}
