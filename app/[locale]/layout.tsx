import type { ReactNode } from 'react';
import { RootLayout, rootMetadata } from '@/components/routes/root-layout';
import { prefixedLocales, type Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string }> };

// Only the prefixed locales; zh-CN is served unprefixed by app/(default).
export const dynamicParams = false;
export const generateStaticParams = () => prefixedLocales.map((locale) => ({ locale }));
export { viewport } from '@/components/routes/root-layout';
export const generateMetadata = async ({ params }: Props) => rootMetadata((await params).locale as Locale);

export default async function PrefixedLocaleLayout({ children, modal, params }: Props & { children: ReactNode; modal: ReactNode }) {
  return (
    <RootLayout locale={(await params).locale as Locale} modal={modal}>
      {children}
    </RootLayout>
  );
}
