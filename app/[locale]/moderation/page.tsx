import { ModerationPage, moderationMetadata, type ModerationSearchParams } from '@/components/routes/moderation-page';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }>; searchParams: ModerationSearchParams };

export const dynamic = 'force-dynamic';
export const generateMetadata = async ({ params }: Props) => moderationMetadata(await localeParam(params));

export default async function Page({ params, searchParams }: Props) {
  return <ModerationPage locale={await localeParam(params)} searchParams={searchParams} />;
}
