import { z } from 'zod';
import { SESSION_COOKIE, getSessionAccount } from '@/lib/auth/sessions';
import { hasArticle } from '@/lib/content/site';
import { getDb } from '@/lib/db';
import { recordShareVisit } from '@/lib/feathers/rewards';
import { REFERRAL_COOKIE, REFERRAL_DAYS, VISITOR_COOKIE, newVisitor, verifyVisitor } from '@/lib/feathers/visitor';
import { isHttps, isSameOrigin, readCookie } from '@/lib/http/request';


const Input = z.object({
  article: z.string().regex(/^[a-z0-9-]{1,100}$/),
  ref: z.string().regex(/^[a-z2-7]{10}$/),
});

/**
 * Sent by the article page when it was opened through a share link (?ref=code):
 * counts a distinct reader for the sharer's reward and remembers the referral for a
 * sign-up. Signed-out readers count too, told apart by a signed visitor cookie.
 */
export async function POST(request: Request) {
  const headers = new Headers({ 'cache-control': 'no-store' });
  if (!isSameOrigin(request)) return Response.json({ ok: false, code: 'bad_origin' }, { status: 403, headers });
  const form = await request.formData().catch(() => new FormData());
  const parsed = Input.safeParse({ article: form.get('article'), ref: form.get('ref') });
  if (!parsed.success || !hasArticle(parsed.data.article)) return Response.json({ ok: false, code: 'invalid_input' }, { status: 400, headers });
  const { article, ref } = parsed.data;
  const secure = isHttps(request) ? '; Secure' : '';
  try {
    const { db } = await getDb();
    const token = readCookie(request, SESSION_COOKIE);
    const account = token ? await getSessionAccount(db, token) : null;
    let visitorKey: string;
    if (account) visitorKey = `a:${account.id}`;
    else {
      let id = await verifyVisitor(db, readCookie(request, VISITOR_COOKIE));
      if (!id) {
        const fresh = await newVisitor(db);
        id = fresh.id;
        headers.append('set-cookie', `${VISITOR_COOKIE}=${fresh.cookie}; Path=/; Max-Age=${365 * 86400}; HttpOnly; SameSite=Lax${secure}`);
      }
      visitorKey = `v:${id}`;
      headers.append('set-cookie', `${REFERRAL_COOKIE}=${ref}; Path=/; Max-Age=${REFERRAL_DAYS * 86400}; HttpOnly; SameSite=Lax${secure}`);
    }
    const result = await recordShareVisit(db, { referralCode: ref, articleSlug: article, visitorKey, visitorAccountId: account?.id ?? null });
    return Response.json({ ok: true, ...result }, { headers });
  } catch {
    return Response.json({ ok: false, code: 'unavailable' }, { status: 503, headers });
  }
}
