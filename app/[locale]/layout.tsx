import type { ReactNode } from 'react';
import { RootLayout, rootMetadata } from '@/components/routes/root-layout';
import { prefixedLocales } from '@/lib/i18n/routing';
import { localeParam } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string }> };

// Only the prefixed locales; zh-CN is served unprefixed by app/(default).
export const dynamicParams = false;
export const generateStaticParams = () => prefixedLocales.map((locale) => ({ locale }));
export { viewport } from '@/components/routes/root-layout';
export const generateMetadata = async ({ params }: Props) => rootMetadata(await localeParam(params));

export default async function PrefixedLocaleLayout({ children, modal, params }: Props & { children: ReactNode; modal: ReactNode }) {
  // A dynamic page (/me, /mall, /feedback) would otherwise render under any first
  // segment (/evil.com/mall) with that segment as its lang and form locale.
  const locale = await localeParam(params);
  return (
    <RootLayout locale={locale} modal={modal}>
      {children}
    </RootLayout>
  );
}
