import { MePage, meMetadata, type MeSearchParams } from '@/components/routes/me-page';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<MeSearchParams> };

export const dynamic = 'force-dynamic';
export const generateMetadata = async ({ params }: Props) => meMetadata((await params).locale as Locale);

export default async function Page({ params, searchParams }: Props) {
  return <MePage locale={(await params).locale as Locale} searchParams={await searchParams} />;
}
