import { ImageResponse } from 'next/og';
import { fontsFor } from '@/lib/share/font';
import { OG_SIZE, POSTER_QR_WIDTH, POSTER_SIZE } from './share-image-sizes';

/** What a card or poster says: the article's texts in the reader's script, the chrome in the reader's language. */
export type ShareImageText = { title: string; author: string; siteName: string; lang: string };

const INK = '#1f2328';
const MUTED = '#57606a';
const ACCENT = '#b3361e';

/** The Open Graph card: site name, title in bold CJK, author. 1200×630 PNG. */
export function renderOgImage({ title, author, siteName }: ShareImageText): ImageResponse {
  const { fonts, family } = fontsFor(title + author + siteName);
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: '72px 80px',
        background: '#fff4e5',
        borderTop: `16px solid ${ACCENT}`,
        fontFamily: family,
        color: INK,
      }}
    >
      <div style={{ display: 'flex', fontSize: 36, fontWeight: 700, color: ACCENT }}>{siteName}</div>
      <div style={{ display: 'flex', fontSize: title.length > 24 ? 60 : 72, fontWeight: 700, lineHeight: 1.3, wordBreak: 'break-all' }}>{title}</div>
      <div style={{ display: 'flex', fontSize: 36, color: MUTED }}>{author}</div>
    </div>,
    { ...OG_SIZE, fonts },
  );
}

/** What the poster says besides the card's texts, and its QR code as a PNG. */
export type PosterText = ShareImageText & { summary: string; scan: string; qr: Buffer };

/**
 * The share poster (分享海报): site name, title, summary, author and a QR code, a tall
 * PNG a WeChat reader long-presses to save and posts to 朋友圈. The QR code is drawn
 * at its own pixel size (no scaling), so every module stays sharp and scannable.
 */
export function renderPoster({ title, author, siteName, summary, scan, qr }: PosterText): ImageResponse {
  const qrSrc = `data:image/png;base64,${qr.toString('base64')}`;
  const { fonts, family } = fontsFor(title + author + siteName + summary + scan);
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        background: '#ffffff',
        fontFamily: family,
        color: INK,
      }}
    >
      <div style={{ display: 'flex', flexDirection: 'column', padding: '80px 64px 56px', background: '#fff4e5', borderTop: `16px solid ${ACCENT}` }}>
        <div style={{ display: 'flex', fontSize: 32, fontWeight: 700, color: ACCENT }}>{siteName}</div>
        <div style={{ display: 'flex', marginTop: 48, fontSize: 56, fontWeight: 700, lineHeight: 1.35, wordBreak: 'break-all' }}>{title}</div>
        <div style={{ display: 'flex', marginTop: 32, fontSize: 30, color: MUTED }}>{author}</div>
      </div>
      <div style={{ display: 'flex', flexGrow: 1, padding: '48px 64px', fontSize: 32, lineHeight: 1.7, wordBreak: 'break-all' }}>{summary}</div>
      <div style={{ display: 'flex', alignItems: 'center', padding: '40px 64px 72px', borderTop: '2px solid #d8dee4' }}>
        {/* eslint-disable-next-line @next/next/no-img-element, jsx-a11y/alt-text -- drawn into a PNG, not a page */}
        <img src={qrSrc} width={POSTER_QR_WIDTH} height={POSTER_QR_WIDTH} />
        <div style={{ display: 'flex', marginLeft: 40, fontSize: 30, lineHeight: 1.6, color: MUTED, width: 300 }}>{scan}</div>
      </div>
    </div>,
    { ...POSTER_SIZE, fonts },
  );
}
