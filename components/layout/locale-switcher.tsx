'use client';

import { usePathname } from 'next/navigation';
import { localizedPath, routing, unlocalizedPath, type Locale } from '@/lib/i18n/routing';

type Props = { current: Locale; label: string; names: Record<Locale, string> };

/**
 * Links to this page in each locale. Plain links on purpose: a locale change swaps
 * the root layout (<html lang>), which is a full page load anyway.
 */
export function LocaleSwitcher({ current, label, names }: Props) {
  const path = unlocalizedPath(usePathname() ?? '/');
  return (
    <nav aria-label={label}>
      <ul className="locale-list">
        {routing.locales.map((l) => (
          <li key={l}>
            <a href={localizedPath(l, path)} hrefLang={l} lang={l} aria-current={l === current ? 'true' : undefined}>
              {names[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
