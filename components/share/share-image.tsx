'use client';

import { useReaderState } from '@/components/reader/reader-state';

type Props = { src: string; personalSrc: string; alt: string; width: number; height: number; className: string };

/**
 * A share image (QR code or poster). The page's HTML names the static one, with the
 * canonical URL, the same for every reader; once /api/reader-state says who is signed
 * in, the source becomes that reader's own image, whose QR code carries their
 * referral code (`&ref=` keeps one copy per reader in the browser's private cache).
 */
export function ShareImage({ src, personalSrc, alt, width, height, className }: Props) {
  const reader = useReaderState();
  const code = reader.status === 'ready' ? reader.data.account?.referralCode : undefined;
  const current = code ? `${personalSrc}&ref=${encodeURIComponent(code)}` : src;
  // A plain <img>: a PNG made by the server needs no image optimisation.
  // eslint-disable-next-line @next/next/no-img-element
  return <img className={className} src={current} alt={alt} width={width} height={height} loading="lazy" decoding="async" />;
}
