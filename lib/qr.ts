import 'server-only';
import QRCode from 'qrcode';

/** A QR code as an SVG path: one unit square per dark module, inside a quiet zone. */
export type QrPath = { size: number; d: string };

const QUIET_ZONE = 4; // modules of white border that scanners need

/** Encodes `text` as a QR code (error correction M) and returns it as one SVG path. */
export function qrPath(text: string): QrPath {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (modules.get(x, y)) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return { size: n + 2 * QUIET_ZONE, d };
}
