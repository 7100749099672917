import { ResetPasswordPage, resetPasswordMetadata } from '@/components/routes/reset-password-page';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }> };

export const generateMetadata = async ({ params }: Props) => resetPasswordMetadata(await localeParam(params));

export default async function Page({ params }: Props) {
  return <ResetPasswordPage locale={await localeParam(params)} />;
}
