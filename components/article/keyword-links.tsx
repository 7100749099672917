import type { KeywordView } from '@/lib/content/site';
import { Link } from '@/lib/i18n/navigation';

/** Keywords as links to their tag pages. */
export function KeywordLinks({ keywords, lang }: { keywords: KeywordView[]; lang: string }) {
  return (
    <ul className="keyword-list" lang={lang}>
      {keywords.map((k) => (
        <li key={k.key}>
          <Link href={`/tags/${encodeURIComponent(k.key)}`} rel="tag">
            {k.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
