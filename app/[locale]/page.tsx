import { HomePage, homeMetadata } from '@/components/routes/home-page';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }> };

export const generateMetadata = async ({ params }: Props) => homeMetadata((await params).locale as Locale);

export default async function Page({ params }: Props) {
  return <HomePage locale={(await params).locale as Locale} />;
}
