import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Markdown } from '@/components/article/markdown';
import { getLegalDocument } from '@/lib/content/site';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { documentPageMetadata } from '@/lib/seo';

export type LegalKind = 'privacy' | 'terms';

/** Metadata of the privacy policy or the user agreement page. */
export async function legalMetadata(locale: Locale, kind: LegalKind): Promise<Metadata> {
  return documentPageMetadata(locale, `/${kind}`, getLegalDocument(locale, kind).title);
}

/** 隐私政策 or 用户协议, from content/<kind>.md: prerendered, the same for everyone (en shows the Chinese text). */
export async function LegalPage({ locale, kind }: { locale: Locale; kind: LegalKind }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Legal' });
  const doc = getLegalDocument(locale, kind);
  return (
    <article lang={doc.lang} className="legal">
      <h1>{doc.title}</h1>
      <p className="hint" lang={locale}>
        {t('version', { version: doc.version })}
      </p>
      <Markdown tree={doc.body} />
      <p lang={locale}>
        <Link href="/" className="button">
          {t('backToHome')}
        </Link>
      </p>
    </article>
  );
}
