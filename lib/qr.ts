import 'server-only';
import QRCode from 'qrcode';

const QUIET_ZONE = 4; // modules of white border that scanners need

/**
 * Encodes `text` as a QR code PNG of `width` pixels (quiet zone included), black on
 * white with whole-pixel modules: WeChat's long-press 识别二维码 reads PNG images
 * reliably, SVG ones not.
 */
export function qrPng(text: string, width = 288): Promise<Buffer> {
  return QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: QUIET_ZONE, width, type: 'png', color: { dark: '#000000ff', light: '#ffffffff' } });
}
