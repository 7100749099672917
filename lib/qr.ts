import 'server-only';
import QRCode from 'qrcode';

const QUIET_ZONE = 4; // modules of white border that scanners need

/**
 * Encodes `text` as a QR code (error correction M) and returns a standalone SVG
 * document, one rectangle per horizontal run of dark modules.
 */
export function qrSvg(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const size = n + 2 * QUIET_ZONE;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n;) {
      if (!modules.get(x, y)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < n && modules.get(x + run, y)) run++;
      d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}
