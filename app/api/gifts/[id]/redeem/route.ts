import { z } from 'zod';
import { outdatedSignUpConsents } from '@/lib/account/consent';
import { getConsentVersions, getGiftSource, listGifts } from '@/lib/content/site';
import { IdempotencyKey, redeemGift } from '@/lib/feathers/mall';
import { fail, handleMutation } from '@/lib/http/mutation';

const Input = z.object({ key: IdempotencyKey });

/** 立即兑换: spends the gift's price, takes one from stock and issues a code, once per idempotency key. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleMutation(request, { endpoint: 'redeem', schema: Input, access: 'signed-in' }, async ({ db, account, input, locale }) => {
    const gift = getGiftSource(id);
    if (!gift) return fail('unknown_gift', 404);
    // Spending feathers is using the service on its terms: only on the terms in force.
    if ((await outdatedSignUpConsents(db, account.id, getConsentVersions())).length > 0) return fail('terms_consent_required', 403);
    const result = await redeemGift(db, account.id, gift, input.key);
    if (result.ok) {
      // The gift as the reader's locale names it, and how to use the code, in the answer itself:
      // without JavaScript this message page is the only place the reader sees the code, and
      // the success dialog shows how to use it from here (the pages do not carry it).
      const shown = listGifts(locale).find((g) => g.id === gift.id)!;
      return {
        ok: true,
        body: {
          redemption: { code: result.redemption.code, giftId: gift.id },
          balance: result.balance,
          remaining: result.remaining,
          repeated: result.repeated,
          howToUse: shown.howToUse,
        },
        message: { key: 'Mall.redeemedWithHowTo', values: { gift: shown.name, code: result.redemption.code, howToUse: shown.howToUse } },
      };
    }
    if (result.code === 'feathers_short') return fail('feathers_short', 409, { price: result.price, balance: result.balance });
    if (result.code === 'out_of_stock') return fail('out_of_stock', 409);
    if (result.code === 'idempotency_conflict') return fail('idempotency_conflict', 409);
    return fail('unavailable', 503);
  });
}
