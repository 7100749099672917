import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { getAppSecret, sign, verifySignature } from '../db/secrets';

/** The cookie that tells distinct signed-out readers apart for share-read rewards. */
export const VISITOR_COOKIE = 'visitor';

/**
 * The referral cookie: proof, signed by the server at a share visit, of whose link
 * this browser arrived through and when. A sign-up within REFERRAL_DAYS credits that sharer.
 */
export const REFERRAL_COOKIE = 'ref';
export const REFERRAL_DAYS = 30;

/** A new visitor id and its signed cookie value. */
export async function newVisitor(db: Db): Promise<{ id: string; cookie: string }> {
  const id = randomBytes(16).toString('base64url');
  return { id, cookie: `${id}.${sign(await getAppSecret(db, 'visitor-cookie'), id)}` };
}

/** The visitor id of a signed cookie value, or null if it is missing, malformed or forged. */
export async function verifyVisitor(db: Db, cookie: string | undefined): Promise<string | null> {
  const match = cookie ? /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(cookie) : null;
  if (!match) return null;
  const [, id, mac] = match as unknown as [string, string, string];
  return verifySignature(await getAppSecret(db, 'visitor-cookie'), id, mac) ? id : null;
}

/** The signed referral proof for a share visit through `referralCode`, made at `now`. */
export async function referralProof(db: Db, referralCode: string, now = new Date()): Promise<string> {
  const payload = `${referralCode}.${Math.floor(now.getTime() / 1000)}`;
  return `${payload}.${sign(await getAppSecret(db, 'referral-cookie'), payload)}`;
}

/**
 * The referral code a proof was issued for, if the server signed it and it is at
 * most REFERRAL_DAYS old; null for anything hand-made, altered, expired or from the future.
 */
export async function verifyReferralProof(db: Db, cookie: string | undefined, now = new Date()): Promise<string | null> {
  const match = cookie ? /^([a-z2-7]{10})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(cookie) : null;
  if (!match) return null;
  const [, code, issued, mac] = match as unknown as [string, string, string, string];
  if (!verifySignature(await getAppSecret(db, 'referral-cookie'), `${code}.${issued}`, mac)) return null;
  const age = now.getTime() / 1000 - Number(issued);
  return age >= -60 && age <= REFERRAL_DAYS * 86400 ? code : null;
}
