import { z } from 'zod';

const Env = z.object({
  /** The public origin of the site: canonical links, sitemap, feed and Open Graph use it. */
  SITE_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://127.0.0.1:3000')
    .transform((u) => u.replace(/\/+$/, '')),
});

/** The environment, parsed once; a bad value stops the process with a clear message. */
export const env = Env.parse({ SITE_URL: process.env.SITE_URL || undefined });
