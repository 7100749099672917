import { z } from 'zod';
import { CONSENT_DOCUMENTS, Ticked, getAcceptedVersions, outdatedConsents, recordConsents, type ConsentDocument } from '@/lib/account/consent';
import { getConsentVersions } from '@/lib/content/site';
import { fail, handleMutation } from '@/lib/http/mutation';

const AcceptConsent = z.object({
  accept: Ticked,
  /** The documents the reader was shown (one field each); unknown names are invalid input. */
  documents: z.union([z.enum(CONSENT_DOCUMENTS), z.array(z.enum(CONSENT_DOCUMENTS))]).transform((d) => (Array.isArray(d) ? d : [d])),
});

/** Records that the reader accepts the current versions of the documents they were shown. */
export async function POST(request: Request) {
  return handleMutation(request, { endpoint: 'acceptConsent', schema: AcceptConsent, access: 'signed-in' }, async ({ db, account, input }) => {
    if (!input.accept) return fail('consent_required');
    const current = getConsentVersions();
    const wanted = outdatedConsents(await getAcceptedVersions(db, account.id), current, input.documents);
    const versions: Partial<Record<ConsentDocument, string>> = {};
    for (const d of wanted) versions[d] = current[d];
    await recordConsents(db, account.id, versions);
    return { ok: true, body: { accepted: wanted }, message: { key: 'Consent.accepted' } };
  });
}
