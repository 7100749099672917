/** The image formats an article may carry, by what their bytes say (not their file name). */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** An image's format and its size in pixels. */
export type ImageDimensions = { format: ImageFormat; width: number; height: number };

const ascii = (b: Uint8Array, at: number, length: number): string => String.fromCharCode(...b.subarray(at, at + length));

// Content is read synchronously (lib/content/load.ts), so the reader is a few header
// reads rather than an image library: sharp is asynchronous and only needed when the
// build makes the resized copies (lib/content/emit-images.ts).

/**
 * Reads the format and pixel size from the first bytes of a PNG, JPEG, GIF or WebP
 * file; undefined when the bytes are none of these or too short to say.
 */
export function readImageDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  if (has(24) && bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG' && ascii(bytes, 12, 4) === 'IHDR') {
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (has(10) && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) {
    return { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (has(30) && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return readWebp(bytes, view);
  if (has(4) && bytes[0] === 0xff && bytes[1] === 0xd8) return readJpeg(bytes, view);
  return undefined;
}

function readWebp(bytes: Uint8Array, view: DataView): ImageDimensions | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X') {
    const u24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
    return { format: 'webp', width: u24(24) + 1, height: u24(27) + 1 };
  }
  if (chunk === 'VP8 ') {
    return { format: 'webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L' && bytes[20] === 0x2f) {
    const bits = view.getUint32(21, true);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return undefined;
}

// Start-of-frame markers carry the size: every SOFn except DHT (C4), JPG (C8) and DAC (CC).
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function readJpeg(bytes: Uint8Array, view: DataView): ImageDimensions | undefined {
  let at = 2;
  let orientation = 1;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    // Fill bytes and markers without a length (RSTn, TEM).
    if (marker === 0xff) {
      at++;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker === 0xe1 && ascii(bytes, at + 4, 6) === 'Exif\0\0') orientation = exifOrientation(view, at + 10) ?? orientation;
    if (SOF.has(marker)) {
      const height = view.getUint16(at + 5);
      const width = view.getUint16(at + 7);
      // A phone photo held upright is stored sideways with an EXIF orientation of 5–8:
      // browsers (and the build's copies) turn it, so its displayed size is swapped.
      return orientation >= 5 && orientation <= 8 ? { format: 'jpeg', width: height, height: width } : { format: 'jpeg', width, height };
    }
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}

/** The Orientation tag (0x0112) of the first IFD of an EXIF block whose TIFF header starts at `tiff`. */
function exifOrientation(view: DataView, tiff: number): number | undefined {
  try {
    const little = view.getUint16(tiff) === 0x4949;
    const ifd = tiff + view.getUint32(tiff + 4, little);
    const count = view.getUint16(ifd, little);
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      if (view.getUint16(entry, little) === 0x0112) return view.getUint16(entry + 8, little);
    }
  } catch {
    // A truncated EXIF block: the photo is read as stored.
  }
  return undefined;
}
