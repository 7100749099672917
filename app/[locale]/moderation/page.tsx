import { ModerationPage, moderationMetadata, type ModerationSearchParams } from '@/components/routes/moderation-page';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }>; searchParams: ModerationSearchParams };

export const dynamic = 'force-dynamic';
export const generateMetadata = async ({ params }: Props) => moderationMetadata((await params).locale as Locale);

export default async function Page({ params, searchParams }: Props) {
  return <ModerationPage locale={(await params).locale as Locale} searchParams={searchParams} />;
}
