import { FeedbackPage, feedbackMetadata, type FeedbackSearchParams } from '@/components/routes/feedback-page';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<FeedbackSearchParams> };

export const dynamic = 'force-dynamic';
export const generateMetadata = async ({ params }: Props) => feedbackMetadata(await localeParam(params));

export default async function Page({ params, searchParams }: Props) {
  return <FeedbackPage locale={await localeParam(params)} searchParams={await searchParams} />;
}
