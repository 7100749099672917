import { MallPage, mallMetadata } from '@/components/routes/mall-page';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }> };

export const dynamic = 'force-dynamic';
export const generateMetadata = async ({ params }: Props) => mallMetadata((await params).locale as Locale);

export default async function Page({ params }: Props) {
  return <MallPage locale={(await params).locale as Locale} />;
}
