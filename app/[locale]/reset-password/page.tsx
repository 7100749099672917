import { ResetPasswordPage, resetPasswordMetadata } from '@/components/routes/reset-password-page';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }> };

export const generateMetadata = async ({ params }: Props) => resetPasswordMetadata((await params).locale as Locale);

export default async function Page({ params }: Props) {
  return <ResetPasswordPage locale={(await params).locale as Locale} />;
}
