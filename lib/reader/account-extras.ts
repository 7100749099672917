import { sql } from 'drizzle-orm';
import { CONSENT_DOCUMENTS, type AcceptedVersions } from '../account/consent';
import { accounts } from '../db/schema';

/**
 * What `/api/reader-state` tells a signed-in reader beyond the account row, as
 * columns of the session lookup itself (lib/auth/sessions.ts getSessionAccountWith):
 * the page asks on every load, and these were two more queries each time. Each is
 * the same index lookup as countUnseenNotifications and getAcceptedVersions.
 */
export const accountExtras = {
  unseenNotifications: sql<number>`(select count(*)::int from notifications n where n.account_id = ${accounts.id} and n.seen_at is null)`,
  acceptedVersions: sql<Record<string, string> | null>`(select json_object_agg(c.document, c.version) from consents c where c.account_id = ${accounts.id})`,
};

/** The accepted versions of the documents this build knows, from the `acceptedVersions` column. */
export function toAcceptedVersions(raw: Record<string, string> | string | null): AcceptedVersions {
  // PGlite and pg both parse json columns; a string would be a driver that does not.
  const all = (typeof raw === 'string' ? JSON.parse(raw) : raw) ?? {};
  const out: AcceptedVersions = {};
  for (const d of CONSENT_DOCUMENTS) if (typeof all[d] === 'string') out[d] = all[d];
  return out;
}
