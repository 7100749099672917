import { AuthPage, authMetadata, type AuthSearchParams } from '@/components/routes/auth-page';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }>; searchParams: AuthSearchParams };

export const generateMetadata = async ({ params }: Props) => authMetadata(await localeParam(params), 'sign-up');

export default async function Page({ params, searchParams }: Props) {
  return <AuthPage locale={await localeParam(params)} mode="sign-up" searchParams={searchParams} />;
}
