import { ShareImage } from './share-image';

/** The QR code of an article's link, a PNG: the canonical URL made at build time, or a signed-in reader's share link. */
export function QrCode({ locale, slug, label }: { locale: string; slug: string; label: string }) {
  return (
    <ShareImage
      className="qr"
      src={`/qr/${locale}/${slug}`}
      personalSrc={`/api/share/qr?article=${encodeURIComponent(slug)}&locale=${locale}`}
      alt={label}
      width={144}
      height={144}
    />
  );
}
