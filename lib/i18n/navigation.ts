import { createNavigation } from 'next-intl/navigation';
import { routing } from './routing';

/** Locale-aware navigation; nothing else imports next/link. */
export const { Link, redirect, usePathname, useRouter, getPathname } = createNavigation(routing);
