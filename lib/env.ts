import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

const Env = z.object({
  /** The public origin of the site: canonical links, sitemap, feed and Open Graph use it. */
  SITE_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://127.0.0.1:3000')
    .transform((u) => u.replace(/\/+$/, '')),
  // Per-address limits and reward caps (README "Security"). Raise them for a site
  // whose readers share few addresses (a campus behind one NAT).
  SIGN_UPS_PER_ADDRESS_HOUR: count(5),
  SIGN_UPS_PER_ADDRESS_DAY: count(20),
  REFERRALS_PER_ADDRESS_DAY: count(3),
  SHARE_READS_PER_ADDRESS_DAY: count(6),
});

const names = Object.keys(Env.shape) as (keyof typeof Env.shape)[];

/** The environment, parsed once; a bad value stops the process with a clear message. */
export const env = Env.parse(Object.fromEntries(names.map((name) => [name, process.env[name] || undefined])));

/** The per-address limits and reward caps in force. */
export const limits = {
  signUps: { perHour: env.SIGN_UPS_PER_ADDRESS_HOUR, perDay: env.SIGN_UPS_PER_ADDRESS_DAY },
  rewards: { referralsPerDay: env.REFERRALS_PER_ADDRESS_DAY, shareReadsPerDay: env.SHARE_READS_PER_ADDRESS_DAY },
} as const;
