import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_BUILD } from 'next/constants';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // Lets a benchmark or experiment build beside the regular .next without disturbing it.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // A proxy or CDN in front compresses; compressing in Node halves throughput here.
  compress: false,
  poweredByHeader: false,
  // The fixture build for the paid-article tests (npm run build:fixture) compiles the
  // same code the main build has just type-checked; checking it twice only costs time.
  typescript: { ignoreBuildErrors: process.env.SKIP_TYPECHECK === '1' },
  reactStrictMode: true,
  // Article images are resized by the build (npm run images), not on request: see README "Images".
  images: { unoptimized: true },
  // Unknown paths render app/global-not-found.tsx on the server (see there why).
  experimental: { globalNotFound: true },
  // A preview build (npm run preview) shows drafts: every response says noindex.
  async headers() {
    if (process.env.CONTENT_PREVIEW !== '1') return [];
    return [{ source: '/:path*', headers: [{ key: 'X-Robots-Tag', value: 'noindex, nofollow' }] }];
  },
  async redirects() {
    // zh-CN is the default locale and lives without a prefix.
    return [
      { source: '/zh-CN', destination: '/', permanent: true },
      { source: '/zh-CN/:path*', destination: '/:path*', permanent: true },
    ];
  },
};

/**
 * A production build bakes SITE_URL into every canonical link, hreflang, the sitemap,
 * the feeds, Open Graph, JSON-LD and the QR codes, so one built without it would
 * send readers and search engines to 127.0.0.1. `npm start`, `npm run stack` and the
 * test scripts name their local origin explicitly; development keeps the default.
 */
function requireSiteUrl() {
  if (process.env.SITE_URL) return;
  throw new Error(
    'SITE_URL is not set. A production build writes it into canonical links, the sitemap, the feeds and the QR codes.\n' +
      '  Build for the public origin:   SITE_URL=https://www.example.com npm run build\n' +
      '  or for this machine only:      SITE_URL=http://127.0.0.1:3000 npm run build   (npm start does this for you)',
  );
}

export default function config(phase: string): NextConfig {
  if (phase === PHASE_PRODUCTION_BUILD) {
    requireSiteUrl();
    // One moment decides which scheduled articles are published for the whole build:
    // every worker that prerenders a page inherits it (lib/content/visibility.ts).
    process.env.CONTENT_NOW ??= new Date().toISOString();
  }
  return withNextIntl(nextConfig);
}
