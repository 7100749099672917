import { MallPage, mallMetadata } from '@/components/routes/mall-page';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }> };

export const dynamic = 'force-dynamic';
export const generateMetadata = async ({ params }: Props) => mallMetadata(await localeParam(params));

export default async function Page({ params }: Props) {
  return <MallPage locale={await localeParam(params)} />;
}
