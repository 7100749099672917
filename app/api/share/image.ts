import { getCurrentAccount } from '@/lib/auth/web';
import { log, requestId } from '@/lib/log';
import { drawOnce } from '@/lib/share/draw-limit';
import { PERSONAL_IMAGE_CACHE, personalShareUrl, ShareImageQuery } from '@/lib/share/personal';

const noStore = { 'cache-control': 'private, no-store' };

/**
 * Answers a GET for a signed-in reader's own share image (poster or QR code): 400 for
 * a bad query, 401 signed out, 403 when `ref` is not the reader's code, 503 with the
 * database down; otherwise the PNG, cached by that reader's browser only.
 */
export async function personalShareImage(request: Request, draw: (query: ShareImageQuery, url: string) => Promise<Response | undefined>): Promise<Response> {
  const parsed = ShareImageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response(null, { status: 400, headers: noStore });
  let account;
  try {
    account = await getCurrentAccount();
  } catch (error) {
    log.error({ reqId: requestId(request), err: error }, 'share image: database unavailable');
    return new Response(null, { status: 503, headers: noStore });
  }
  if (!account) return new Response(null, { status: 401, headers: noStore });
  if (account.referralCode !== parsed.data.ref) return new Response(null, { status: 403, headers: noStore });
  const { article, locale, ref } = parsed.data;
  let drawn;
  try {
    drawn = await drawOnce(`${new URL(request.url).pathname}|${locale}|${article}|${ref}`, async () =>
      (await draw(parsed.data, personalShareUrl(parsed.data, account.referralCode)))?.arrayBuffer(),
    );
  } catch (error) {
    log.error({ reqId: requestId(request), err: error }, 'share image: drawing failed');
    return new Response(null, { status: 503, headers: noStore });
  }
  if (!drawn.ok && drawn.reason === 'missing') return new Response(null, { status: 404, headers: noStore });
  if (!drawn.ok) return new Response(null, { status: 503, headers: { ...noStore, 'retry-after': '5' } });
  return new Response(drawn.body, { headers: { 'content-type': 'image/png', 'cache-control': PERSONAL_IMAGE_CACHE, vary: 'Cookie' } });
}
