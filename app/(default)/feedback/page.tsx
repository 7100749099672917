import { FeedbackPage, feedbackMetadata, type FeedbackSearchParams } from '@/components/routes/feedback-page';
import { routing } from '@/lib/i18n/routing';

export const dynamic = 'force-dynamic';
export const generateMetadata = () => feedbackMetadata(routing.defaultLocale);

export default async function Page({ searchParams }: { searchParams: Promise<FeedbackSearchParams> }) {
  return <FeedbackPage locale={routing.defaultLocale} searchParams={await searchParams} />;
}
