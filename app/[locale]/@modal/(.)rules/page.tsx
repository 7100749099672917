import { RulesModal } from '@/components/routes/rules-modal';
import { localeParam } from '@/lib/i18n/locale-param';

/** 社区公约 over the current page, when opened by a link inside the site. */
export default async function Page({ params }: { params: Promise<{ locale: string }> }) {
  return <RulesModal locale={await localeParam(params)} />;
}
