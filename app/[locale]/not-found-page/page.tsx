import { NotFoundPage, notFoundMetadata } from '@/components/routes/not-found-page';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }> };

export const generateMetadata = async ({ params }: Props) => notFoundMetadata(await localeParam(params));

export default async function Page({ params }: Props) {
  return <NotFoundPage locale={await localeParam(params)} />;
}
