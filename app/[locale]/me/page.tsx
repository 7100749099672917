import { MePage, meMetadata, type MeSearchParams } from '@/components/routes/me-page';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<MeSearchParams> };

export const dynamic = 'force-dynamic';
export const generateMetadata = async ({ params }: Props) => meMetadata(await localeParam(params));

export default async function Page({ params, searchParams }: Props) {
  return <MePage locale={await localeParam(params)} searchParams={await searchParams} />;
}
