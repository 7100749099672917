import { RulesModal } from '@/components/routes/rules-modal';
import type { Locale } from '@/lib/i18n/routing';

/** 社区公约 over the current page, when opened by a link inside the site. */
export default async function Page({ params }: { params: Promise<{ locale: string }> }) {
  return <RulesModal locale={(await params).locale as Locale} />;
}
