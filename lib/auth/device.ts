import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { getAppSecret, sign, verifySignature } from '../db/secrets';

/**
 * The device cookie (OWASP's "device cookies" against account lock-out): a browser
 * that has signed in to an account carries a token for it, signed by the server,
 * so failures from elsewhere cannot lock its owner out.
 */
export const DEVICE_COOKIE = 'device';
export const DEVICE_DAYS = 180;
/** Accounts remembered per browser (a shared family tablet); the oldest goes first. */
const MAX_TOKENS = 5;

export type DeviceToken = { accountId: number; nonce: string; issuedAt: number };

const TOKEN = /^(\d{1,15})\.([A-Za-z0-9_-]{16})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

const payloadOf = (t: DeviceToken) => `${t.accountId}.${t.nonce}.${t.issuedAt}`;

/** The valid, unexpired tokens in a device cookie value (forged or garbled ones are dropped). */
export async function readDeviceTokens(db: Db, cookie: string | undefined, now = new Date()): Promise<DeviceToken[]> {
  if (!cookie) return [];
  const key = await getAppSecret(db, 'device-cookie');
  const out: DeviceToken[] = [];
  for (const part of cookie.split('~').slice(0, MAX_TOKENS)) {
    const m = TOKEN.exec(part);
    if (!m) continue;
    const token = { accountId: Number(m[1]), nonce: m[2]!, issuedAt: Number(m[3]) };
    const age = now.getTime() / 1000 - token.issuedAt;
    if (age < -60 || age > DEVICE_DAYS * 86400) continue;
    if (verifySignature(key, payloadOf(token), m[4]!)) out.push(token);
  }
  return out;
}

/** The browser's token for an account, if it has one. */
export function deviceTokenFor(tokens: DeviceToken[], accountId: number): DeviceToken | undefined {
  return tokens.find((t) => t.accountId === accountId);
}

/** The cookie value after a successful sign-in: a fresh token for the account, first, then the others. */
export async function issueDeviceToken(db: Db, tokens: DeviceToken[], accountId: number, now = new Date()): Promise<string> {
  const key = await getAppSecret(db, 'device-cookie');
  const fresh: DeviceToken = { accountId, nonce: randomBytes(12).toString('base64url'), issuedAt: Math.floor(now.getTime() / 1000) };
  const kept = [fresh, ...tokens.filter((t) => t.accountId !== accountId)].slice(0, MAX_TOKENS);
  return kept.map((t) => `${payloadOf(t)}.${sign(key, payloadOf(t))}`).join('~');
}

/**
 * The cookie value without the account's token (signing out everywhere, deleting
 * the account): the browser no longer counts as one its owner uses. Empty: clear it.
 */
export async function dropDeviceToken(db: Db, tokens: DeviceToken[], accountId: number): Promise<string> {
  const key = await getAppSecret(db, 'device-cookie');
  return tokens
    .filter((t) => t.accountId !== accountId)
    .map((t) => `${payloadOf(t)}.${sign(key, payloadOf(t))}`)
    .join('~');
}
