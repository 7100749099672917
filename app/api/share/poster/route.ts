import { articlePoster } from '@/components/share/share-image-text';
import { personalShareImage } from '../image';

export const dynamic = 'force-dynamic';

/** A signed-in reader's share poster: its QR code holds their share link (?ref=<their code>). */
export function GET(request: Request) {
  return personalShareImage(request, (q, url) => articlePoster(q.locale, q.article, url));
}
