import type { MetadataRoute } from 'next';
import { buildSitemap } from '@/lib/site-index';

export default function sitemap(): MetadataRoute.Sitemap {
  return buildSitemap();
}
