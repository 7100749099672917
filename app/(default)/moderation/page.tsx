import { ModerationPage, moderationMetadata, type ModerationSearchParams } from '@/components/routes/moderation-page';
import { routing } from '@/lib/i18n/routing';

export const dynamic = 'force-dynamic';
export const generateMetadata = () => moderationMetadata(routing.defaultLocale);

export default function Page({ searchParams }: { searchParams: ModerationSearchParams }) {
  return <ModerationPage locale={routing.defaultLocale} searchParams={searchParams} />;
}
