import { cookies } from 'next/headers';
import { z } from 'zod';
import { readDeviceTokens } from '@/lib/auth/device';
import { readDeviceCookie } from '@/lib/auth/web';
import { hasArticle } from '@/lib/content/site';
import { limits } from '@/lib/env';
import { REFERRAL_CODE } from '@/lib/feathers/referral-code';
import { recordShareVisit } from '@/lib/feathers/rewards';
import { REFERRAL_COOKIE, REFERRAL_DAYS, VISITOR_COOKIE, newVisitor, referralProof, verifyVisitor } from '@/lib/feathers/visitor';
import { isHttps } from '@/lib/http/client';
import { fail, handleMutation } from '@/lib/http/mutation';

const Input = z.object({
  article: z.string().regex(/^[a-z0-9-]{1,100}$/),
  ref: z.string().regex(REFERRAL_CODE),
});

/**
 * Sent by the article page when it was opened through a share link (?ref=code):
 * counts a distinct reader for the sharer's reward and, for a signed-out reader,
 * leaves the server's signed proof of the visit for a sign-up to earn the referral.
 * Signed-out readers are told apart by a signed visitor cookie.
 */
export async function POST(request: Request) {
  return handleMutation(request, { endpoint: 'shareVisit', schema: Input, access: 'anyone' }, async ({ db, account, input, client }) => {
    if (!hasArticle(input.article)) return fail('unknown_article', 404);
    const jar = await cookies();
    const options = { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(request) } as const;
    let visitorKey: string;
    if (account) visitorKey = `a:${account.id}`;
    else {
      let id = await verifyVisitor(db, jar.get(VISITOR_COOKIE)?.value);
      if (!id) {
        const fresh = await newVisitor(db);
        id = fresh.id;
        jar.set(VISITOR_COOKIE, fresh.cookie, { ...options, maxAge: 365 * 86400 });
      }
      visitorKey = `v:${id}`;
      jar.set(REFERRAL_COOKIE, await referralProof(db, input.ref), { ...options, maxAge: REFERRAL_DAYS * 86400 });
    }
    const result = await recordShareVisit(db, {
      referralCode: input.ref,
      articleSlug: input.article,
      visitorKey,
      visitorAccountId: account?.id ?? null,
      excludeSharers: (await readDeviceTokens(db, await readDeviceCookie())).map((t) => t.accountId),
      address: client,
      perDay: limits.rewards.shareReadsPerDay,
    });
    return { ok: true, body: result };
  });
}
