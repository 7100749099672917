import 'server-only';
import { z } from 'zod';
import { hasArticle } from '@/lib/content/site';
import { REFERRAL_CODE, withReferral } from '@/lib/feathers/referral-code';
import { routing } from '@/lib/i18n/routing';
import { alternatesFor } from '@/lib/seo';

/**
 * The query of a per-reader share image: `?article=<slug>&locale=<locale>&ref=<code>`.
 * The code is in the URL only so that the browser's private cache keeps one image per
 * reader (another account signing in on the same browser asks for another URL); the
 * server draws the signed-in reader's own code and refuses any other.
 */
export const ShareImageQuery = z.object({
  article: z.string().refine(hasArticle),
  locale: z.enum(routing.locales),
  ref: z.string().regex(REFERRAL_CODE),
});
export type ShareImageQuery = z.infer<typeof ShareImageQuery>;

/** How long a reader's browser keeps their share image: it changes only with the article. */
export const PERSONAL_IMAGE_CACHE = 'private, max-age=86400';

/** The share link a reader's QR code holds: the canonical URL with their referral code. */
export function personalShareUrl({ article, locale }: ShareImageQuery, referralCode: string): string {
  return withReferral(alternatesFor(locale, `/articles/${article}`).canonical, referralCode);
}
