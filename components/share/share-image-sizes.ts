// No imports: the share panel and the image routes both need these, and only the routes need next/og.

/** Size of the Open Graph card (the size WeChat, Weibo and the big networks crop to). */
export const OG_SIZE = { width: 1200, height: 630 } as const;
/** Size of the share poster: a phone screen's width at 2×, tall enough for 朋友圈. */
export const POSTER_SIZE = { width: 750, height: 1334 } as const;
/** The QR code's pixel width inside the poster (its PNG is made at exactly this size, so no module is resampled). */
export const POSTER_QR_WIDTH = 240;
