import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// Paths that are never localised: Next's assets, metadata routes and files in public/.
const NOT_LOCALISED = String.raw`(?!(?:zh-CN|zh-TW|en|_next|sitemap\.xml|robots\.txt)(?:/|$))(?!.*\.(?:svg|png|ico|jpg|jpeg|webp|txt|json|webmanifest|js|css|map|woff2?)$)`;

const nextConfig: NextConfig = {
  // A proxy or CDN in front compresses; compressing in Node halves throughput here.
  // Lets a benchmark or experiment build beside the regular .next without disturbing it.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
  // The site is served by `next start`; nothing needs typed routes or images yet.
  images: { unoptimized: true },
  // Unknown paths render app/global-not-found.tsx on the server (see there why).
  experimental: { globalNotFound: true },
  async redirects() {
    // zh-CN is the default locale and lives without a prefix.
    return [
      { source: '/zh-CN', destination: '/', permanent: true },
      { source: '/zh-CN/:path*', destination: '/:path*', permanent: true },
    ];
  },
  async rewrites() {
    // Instead of next-intl's middleware (measured: it halves throughput of the article
    // page), unprefixed paths are rewritten to the default locale before routing.
    return {
      beforeFiles: [
        { source: '/', destination: '/zh-CN' },
        { source: `/:path(${NOT_LOCALISED}.+)`, destination: '/zh-CN/:path' },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
};

export default withNextIntl(nextConfig);
