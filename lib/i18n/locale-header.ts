/** Request header proxy.ts sets to the locale of a prefixed path (read by the 404 page). */
export const LOCALE_HEADER = 'x-site-locale';
