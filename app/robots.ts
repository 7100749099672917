import type { MetadataRoute } from 'next';
import { isPreviewBuild } from '@/lib/content/visibility';
import { absoluteUrl } from '@/lib/seo';

export default function robots(): MetadataRoute.Robots {
  // A preview build (npm run preview) shows drafts: crawlers are kept out of all of it.
  if (isPreviewBuild()) return { rules: [{ userAgent: '*', disallow: '/' }] };
  return { rules: [{ userAgent: '*', allow: '/' }], sitemap: absoluteUrl('/sitemap.xml') };
}
