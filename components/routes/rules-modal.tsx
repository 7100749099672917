import { getTranslations, setRequestLocale } from 'next-intl/server';
import { RulesContent } from '@/components/rules/rules-content';
import { RulesDialog } from '@/components/rules/rules-dialog';
import { getRules } from '@/lib/content/site';
import type { Locale } from '@/lib/i18n/routing';

/** 社区公约 over the current page, when opened by a link inside the site. */
export async function RulesModal({ locale }: { locale: Locale }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Rules' });
  const rules = getRules(locale);
  return (
    <RulesDialog title={rules.title} closeLabel={t('close')} lang={rules.lang}>
      <RulesContent parts={rules.parts} />
    </RulesDialog>
  );
}
