import type { ReactNode } from 'react';
import { RootLayout, rootMetadata } from '@/components/routes/root-layout';
import { routing } from '@/lib/i18n/routing';

// The default locale (zh-CN) lives here without a URL prefix, so its pages are
// routed directly: no rewrite and no proxy on the article's hot path.
const locale = routing.defaultLocale;

export { viewport } from '@/components/routes/root-layout';
export const generateMetadata = () => rootMetadata(locale);

export default function DefaultLocaleLayout({ children, modal }: { children: ReactNode; modal: ReactNode }) {
  return (
    <RootLayout locale={locale} modal={modal}>
      {children}
    </RootLayout>
  );
}
