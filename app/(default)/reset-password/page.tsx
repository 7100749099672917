import { ResetPasswordPage, resetPasswordMetadata } from '@/components/routes/reset-password-page';
import { routing } from '@/lib/i18n/routing';

export const generateMetadata = () => resetPasswordMetadata(routing.defaultLocale);

export default function Page() {
  return <ResetPasswordPage locale={routing.defaultLocale} />;
}
