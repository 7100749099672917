import 'server-only';
import { getTranslations } from 'next-intl/server';
import { getArticleSummary } from '@/lib/content/site';
import type { Locale } from '@/lib/i18n/routing';
import { qrPng } from '@/lib/qr';
import { alternatesFor } from '@/lib/seo';
import { POSTER_QR_WIDTH } from './share-image-sizes';
import { renderOgImage, renderPoster } from './share-images';

/** The article's Open Graph card in a locale (undefined: no such article). */
export async function articleOgImage(locale: Locale, slug: string) {
  const article = getArticleSummary(locale, slug);
  if (!article) return undefined;
  const meta = await getTranslations({ locale, namespace: 'Meta' });
  return renderOgImage({ title: article.title, author: article.author.name, siteName: meta('siteName'), lang: article.lang });
}

/** The article's share poster in a locale, its QR code holding `url` (the canonical URL, or a reader's share link). */
export async function articlePoster(locale: Locale, slug: string, url: string = alternatesFor(locale, `/articles/${slug}`).canonical) {
  const article = getArticleSummary(locale, slug);
  if (!article) return undefined;
  const meta = await getTranslations({ locale, namespace: 'Meta' });
  const t = await getTranslations({ locale, namespace: 'Share' });
  return renderPoster({
    title: article.title,
    author: article.author.name,
    siteName: meta('siteName'),
    summary: article.summary,
    scan: t('posterScan'),
    lang: article.lang,
    qr: await qrPng(url, POSTER_QR_WIDTH),
  });
}
