import { getLocale } from 'next-intl/server';
import NextLink from 'next/link';
import type { ComponentProps } from 'react';
import { localizedPath, type Locale } from './routing';

type Props = Omit<ComponentProps<typeof NextLink>, 'href'> & { href: string };

/**
 * A link to a path of this site in the current locale ('/rules' → '/zh-TW/rules').
 * A server component on purpose: the locale is known on the server, so readers'
 * browsers load no i18n runtime just to build hrefs. Nothing else imports next/link.
 */
export async function Link({ href, ...rest }: Props) {
  const locale = (await getLocale()) as Locale;
  return <NextLink href={localizedPath(locale, href)} {...rest} />;
}
