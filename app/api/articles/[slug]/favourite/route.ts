import { z } from 'zod';
import { hasArticle } from '@/lib/content/site';
import { fail, handleMutation } from '@/lib/http/mutation';
import { setFavourite } from '@/lib/reader/favourites';

const Input = z.object({ intent: z.enum(['add', 'remove'], { error: 'invalid_input' }) });

/** 收藏 / 取消收藏: `intent` says which, so a double click or a retry lands on the same state. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return handleMutation(request, { endpoint: 'favourite', schema: Input, access: 'signed-in' }, async ({ db, account, input }) => {
    if (!hasArticle(slug)) return fail('unknown_article', 404);
    return { ok: true, body: { favourite: await setFavourite(db, account.id, slug, input.intent === 'add') } };
  });
}
