import { z } from 'zod';
import { outdatedSignUpConsents } from '@/lib/account/consent';
import { articlePrice, getConsentVersions } from '@/lib/content/site';
import { unlockArticle } from '@/lib/feathers/unlock';
import { fail, handleMutation } from '@/lib/http/mutation';

/** 购买: spends a paid article's price once; the article stays unlocked. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return handleMutation(request, { endpoint: 'unlock', schema: z.object({}), access: 'signed-in' }, async ({ db, account }) => {
    const price = articlePrice(slug);
    if (price === undefined) return fail('not_paid', 404);
    if ((await outdatedSignUpConsents(db, account.id, getConsentVersions())).length > 0) return fail('terms_consent_required', 403);
    const result = await unlockArticle(db, account.id, slug, price);
    if (result.ok) return { ok: true, body: { balance: result.balance, unlocked: true } };
    if (result.code === 'feathers_short') return fail('feathers_short', 409, { price, balance: result.balance });
    return fail('unavailable', 503);
  });
}
