import { AuthPage, authMetadata, type AuthSearchParams } from '@/components/routes/auth-page';
import { routing } from '@/lib/i18n/routing';

export const generateMetadata = () => authMetadata(routing.defaultLocale, 'sign-in');

export default function Page({ searchParams }: { searchParams: AuthSearchParams }) {
  return <AuthPage locale={routing.defaultLocale} mode="sign-in" searchParams={searchParams} />;
}
