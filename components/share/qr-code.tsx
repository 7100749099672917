/** The QR code of an article's canonical URL, an SVG image rendered on the server at build time. */
export function QrCode({ locale, slug, label }: { locale: string; slug: string; label: string }) {
  // A plain <img>: a static SVG needs no image optimisation.
  // eslint-disable-next-line @next/next/no-img-element
  return <img className="qr" src={`/qr/${locale}/${slug}`} alt={label} width={144} height={144} loading="lazy" decoding="async" />;
}
