import { qrPng } from '@/lib/qr';
import { personalShareImage } from '../image';

export const dynamic = 'force-dynamic';

/** A signed-in reader's QR code for the share panel: their share link (?ref=<their code>). */
export function GET(request: Request) {
  return personalShareImage(request, async (_q, url) => new Response(new Uint8Array(await qrPng(url))));
}
