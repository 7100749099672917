import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client';
import { consents } from '../db/schema';

/** The documents a reader accepts: 用户协议 and 隐私政策 at sign-up, 社区公约 before the first comment. */
export const CONSENT_DOCUMENTS = ['terms', 'privacy', 'rules'] as const;
export type ConsentDocument = (typeof CONSENT_DOCUMENTS)[number];
/** Accepted at sign-up (and again when their version changes). */
export const SIGN_UP_DOCUMENTS = ['terms', 'privacy'] as const satisfies readonly ConsentDocument[];

export type ConsentVersions = Record<ConsentDocument, string>;
export type AcceptedVersions = Partial<Record<ConsentDocument, string>>;

/** A ticked checkbox of a plain form: present as "on" (or "1"/"yes"), absent otherwise. */
export const Ticked = z
  .union([z.literal('on'), z.literal('1'), z.literal('yes'), z.literal('')])
  .optional()
  .transform((v) => v !== undefined && v !== '');

/**
 * The documents among `wanted` whose accepted version is not the current one
 * (never accepted, or accepted before the text changed): the reader is asked again.
 */
export function outdatedConsents(
  accepted: AcceptedVersions,
  current: ConsentVersions,
  wanted: readonly ConsentDocument[] = CONSENT_DOCUMENTS,
): ConsentDocument[] {
  return wanted.filter((d) => accepted[d] !== current[d]);
}

/**
 * The sign-up documents (用户协议, 隐私政策) whose current version the reader has not
 * accepted: redeeming, unlocking and commenting wait until they have (the routes
 * answer `terms_consent_required`, and the page asks again).
 */
export async function outdatedSignUpConsents(db: Db | Tx, accountId: number, current: ConsentVersions): Promise<ConsentDocument[]> {
  return outdatedConsents(await getAcceptedVersions(db, accountId), current, SIGN_UP_DOCUMENTS);
}

/** The versions a reader accepted, by document. */
export async function getAcceptedVersions(db: Db | Tx, accountId: number): Promise<AcceptedVersions> {
  const rows = await db.select({ document: consents.document, version: consents.version }).from(consents).where(eq(consents.accountId, accountId));
  const out: AcceptedVersions = {};
  for (const r of rows) if ((CONSENT_DOCUMENTS as readonly string[]).includes(r.document)) out[r.document as ConsentDocument] = r.version;
  return out;
}

/** Records that the reader accepted these versions now (a newer acceptance replaces the older). */
export async function recordConsents(db: Db | Tx, accountId: number, versions: AcceptedVersions, now = new Date()): Promise<void> {
  const rows = Object.entries(versions).map(([document, version]) => ({ accountId, document, version: version!, acceptedAt: now }));
  if (rows.length === 0) return;
  for (const row of rows) {
    await db
      .insert(consents)
      .values(row)
      .onConflictDoUpdate({ target: [consents.accountId, consents.document], set: { version: row.version, acceptedAt: now } });
  }
}

/** Whether the reader accepted this version of one document. */
export async function hasAccepted(db: Db | Tx, accountId: number, document: ConsentDocument, version: string): Promise<boolean> {
  const [row] = await db
    .select({ version: consents.version })
    .from(consents)
    .where(and(eq(consents.accountId, accountId), eq(consents.document, document)));
  return row?.version === version;
}
