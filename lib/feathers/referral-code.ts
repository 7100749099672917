// No imports on purpose: the share-visit beacon checks codes in the browser too.

/** A referral code as accounts get one (lib/auth/accounts.ts): 10 lowercase base32 characters. */
export const REFERRAL_CODE = /^[a-z2-7]{10}$/;
