import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { RulesContent } from '@/components/rules/rules-content';
import { getRules } from '@/lib/content/site';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { documentPageMetadata } from '@/lib/seo';

/** Metadata of the rules page. */
export async function rulesMetadata(locale: Locale): Promise<Metadata> {
  return documentPageMetadata(locale, '/rules', getRules(locale).title);
}

/** 社区公约 as a full page: direct visits, crawlers and readers without JavaScript. */
export async function RulesPage({ locale }: { locale: Locale }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Rules' });
  const rules = getRules(locale);
  return (
    <article lang={rules.lang}>
      <h1>{rules.title}</h1>
      <RulesContent parts={rules.parts} />
      <p lang={locale}>
        <Link href="/" className="button">
          {t('backToHome')}
        </Link>
      </p>
    </article>
  );
}
