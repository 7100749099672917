import { MePage, meMetadata, type MeSearchParams } from '@/components/routes/me-page';
import { routing } from '@/lib/i18n/routing';

export const dynamic = 'force-dynamic';
export const generateMetadata = () => meMetadata(routing.defaultLocale);

export default async function Page({ searchParams }: { searchParams: Promise<MeSearchParams> }) {
  return <MePage locale={routing.defaultLocale} searchParams={await searchParams} />;
}
