import { RulesModal } from '@/components/routes/rules-modal';
import { routing } from '@/lib/i18n/routing';

/** 社区公约 over the current page, when opened by a link inside the site. */
export default function Page() {
  return <RulesModal locale={routing.defaultLocale} />;
}
