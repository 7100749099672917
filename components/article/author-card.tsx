import { getTranslations } from 'next-intl/server';
import type { AuthorView } from '@/lib/content/site';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

/** The author card under an article: name and article count, linking to the author page. */
export async function AuthorCard({ locale, author }: { locale: Locale; author: AuthorView }) {
  const t = await getTranslations({ locale, namespace: 'Article' });
  return (
    <section className="author-card" aria-labelledby="about-author">
      <div>
        <h2 id="about-author">{t('aboutAuthor')}</h2>
        <p className="author-name" lang={author.lang}>
          <Link href={`/authors/${author.id}`} rel="author">
            {author.name}
          </Link>
        </p>
        <p>{t('articleCount', { count: author.articleCount })}</p>
      </div>
    </section>
  );
}
