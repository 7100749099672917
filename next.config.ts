import type { NextConfig } from 'next';
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
  // The site is served by `npm run serve` (server.mjs); nothing needs typed routes or images yet.
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
};

export default withNextIntl(nextConfig);
