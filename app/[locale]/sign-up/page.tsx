import { AuthPage, authMetadata, type AuthSearchParams } from '@/components/routes/auth-page';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }>; searchParams: AuthSearchParams };

export const generateMetadata = async ({ params }: Props) => authMetadata((await params).locale as Locale, 'sign-up');

export default async function Page({ params, searchParams }: Props) {
  return <AuthPage locale={(await params).locale as Locale} mode="sign-up" searchParams={searchParams} />;
}
