import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { pg } from '../auth/db';
import type { Db } from '../db/client';
import { appSecrets } from '../db/schema';

/** The cookie that tells distinct signed-out readers apart for share-read rewards. */
export const VISITOR_COOKIE = 'visitor';

/** The referral cookie: a sign-up within 30 days credits the sharer whose link was opened. */
export const REFERRAL_COOKIE = 'ref';
export const REFERRAL_DAYS = 30;

const secrets = new WeakMap<object, Promise<Buffer>>();

/**
 * The key visitor cookies are signed with. It lives in the database, made by
 * whichever instance needs it first, so every app instance accepts the same cookies.
 */
async function visitorSecret(db: Db): Promise<Buffer> {
  let secret = secrets.get(db);
  if (!secret) {
    secret = (async () => {
      await pg(db).insert(appSecrets).values({ name: 'visitor-cookie', value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
      const [row] = await pg(db).select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, 'visitor-cookie'));
      return Buffer.from(row!.value, 'base64url');
    })();
    secrets.set(db, secret);
    secret.catch(() => secrets.delete(db));
  }
  return secret;
}

const sign = (secret: Buffer, id: string) => createHmac('sha256', secret).update(id).digest('base64url');

/** A new visitor id and its signed cookie value. */
export async function newVisitor(db: Db): Promise<{ id: string; cookie: string }> {
  const id = randomBytes(16).toString('base64url');
  return { id, cookie: `${id}.${sign(await visitorSecret(db), id)}` };
}

/** The visitor id of a signed cookie value, or null if it is missing, malformed or forged. */
export async function verifyVisitor(db: Db, cookie: string | undefined): Promise<string | null> {
  const match = cookie ? /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(cookie) : null;
  if (!match) return null;
  const [, id, mac] = match as unknown as [string, string, string];
  const expected = Buffer.from(sign(await visitorSecret(db), id));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
