import { RulesPage, rulesMetadata } from '@/components/routes/rules-page';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }> };

export const generateMetadata = async ({ params }: Props) => rulesMetadata(await localeParam(params));

export default async function Page({ params }: Props) {
  return <RulesPage locale={await localeParam(params)} />;
}
