import { RulesPage, rulesMetadata } from '@/components/routes/rules-page';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }> };

export const generateMetadata = async ({ params }: Props) => rulesMetadata((await params).locale as Locale);

export default async function Page({ params }: Props) {
  return <RulesPage locale={(await params).locale as Locale} />;
}
