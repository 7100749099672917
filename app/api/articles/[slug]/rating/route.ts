import { z } from 'zod';
import { hasArticle } from '@/lib/content/site';
import { fail, handleMutation } from '@/lib/http/mutation';
import { Stars, rateArticle } from '@/lib/reader/ratings';

const Input = z.object({ stars: Stars });

/** 评分: sets (or changes) the reader's 1–5 star rating of the article. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return handleMutation(request, { endpoint: 'rating', schema: Input, access: 'signed-in' }, async ({ db, account, input }) => {
    if (!hasArticle(slug)) return fail('unknown_article', 404);
    return { ok: true, body: { rating: await rateArticle(db, account.id, slug, input.stars) } };
  });
}
