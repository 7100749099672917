import { NotFoundPage, notFoundMetadata } from '@/components/routes/not-found-page';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }> };

export const generateMetadata = async ({ params }: Props) => notFoundMetadata((await params).locale as Locale);

export default async function Page({ params }: Props) {
  return <NotFoundPage locale={(await params).locale as Locale} />;
}
