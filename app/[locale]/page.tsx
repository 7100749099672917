import { HomePage, homeMetadata } from '@/components/routes/home-page';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }> };

export const generateMetadata = async ({ params }: Props) => homeMetadata(await localeParam(params));

export default async function Page({ params }: Props) {
  return <HomePage locale={await localeParam(params)} />;
}
