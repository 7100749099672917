// No imports on purpose: the share-visit beacon checks codes in the browser too.

/** A referral code as accounts get one (lib/auth/accounts.ts): 10 lowercase base32 characters. */
export const REFERRAL_CODE = /^[a-z2-7]{10}$/;

/** The canonical URL with a reader's referral code: '…/articles/x' → '…/articles/x?ref=code'. */
export function withReferral(url: string, code: string): string {
  const u = new URL(url);
  u.searchParams.set('ref', code);
  return u.toString();
}
