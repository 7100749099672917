import { FeedbackPage, feedbackMetadata, type FeedbackSearchParams } from '@/components/routes/feedback-page';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<FeedbackSearchParams> };

export const dynamic = 'force-dynamic';
export const generateMetadata = async ({ params }: Props) => feedbackMetadata((await params).locale as Locale);

export default async function Page({ params, searchParams }: Props) {
  return <FeedbackPage locale={(await params).locale as Locale} searchParams={await searchParams} />;
}
