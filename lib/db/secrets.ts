import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { appSecrets } from './schema';

/** The keys kept in app_secrets; each signs one kind of cookie, or (retired-username) keys the retired names' HMACs. */
export type SecretName = 'visitor-cookie' | 'device-cookie' | 'referral-cookie' | 'retired-username';

const cache = new WeakMap<object, Map<SecretName, Promise<Buffer>>>();

/**
 * A 32-byte key that every app instance shares: it lives in the database, made by
 * whichever instance needs it first (insert-if-absent, then read), and is cached
 * per database handle. A failure is not cached.
 */
export function getAppSecret(db: Db, name: SecretName): Promise<Buffer> {
  let byName = cache.get(db);
  if (!byName) cache.set(db, (byName = new Map()));
  let secret = byName.get(name);
  if (!secret) {
    const q: Db = db;
    secret = (async () => {
      await q
        .insert(appSecrets)
        .values({ name, value: randomBytes(32).toString('base64url') })
        .onConflictDoNothing();
      const [row] = await q.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name));
      if (!row) throw new Error(`app secret ${name} missing after insert`);
      return Buffer.from(row.value, 'base64url');
    })();
    byName.set(name, secret);
    secret.catch(() => byName.delete(name));
  }
  return secret;
}

/** HMAC-SHA256 of `value` under `key`, base64url (43 characters). */
export function sign(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

/** Whether `mac` is `value`'s signature under `key`, compared in constant time. */
export function verifySignature(key: Buffer, value: string, mac: string): boolean {
  const expected = Buffer.from(sign(key, value));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
