import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { IMAGE_URL_PATH, type ContentImage } from './images';

/** What one run of the image step did, for its log line and `npm run bench`. */
export type EmitReport = {
  /** Distinct images used by the articles built. */
  images: number;
  /** Bytes of their original files. */
  originalBytes: number;
  /** Bytes of every copy served (all widths). */
  servedBytes: number;
  /** Bytes a reader downloads on a phone 375 px wide at 2× (the copy its `srcset` picks, 750 px or wider). */
  phoneBytes: number;
  /** Copies made by this run (the others were there already). */
  made: number;
  /** Copies deleted by this run: no build had used them for `keepDays` days (pruneImages). */
  pruned: number;
};

/**
 * Days a copy no build uses any more stays in public/content-images: an older page
 * (in the nginx page cache, a CDN, a reader's open tab, an instance not yet
 * restarted) may still name it for a while after a deploy.
 */
export const IMAGE_KEEP_DAYS = 7;

/** The copy a browser picks for a slot `slotWidth` CSS px wide at `dpr`: the narrowest at least that many pixels. */
export function pickCopy(image: ContentImage, slotWidth: number, dpr: number) {
  const need = slotWidth * dpr;
  return image.copies.find((c) => c.width >= need) ?? image.copies[image.copies.length - 1]!;
}

const fileOf = (publicDir: string, url: string) => path.join(publicDir, url.slice(1));

/**
 * Writes every copy of every image into `publicDir` (as `/content-images/…`), skipping
 * copies already there: their names change whenever their bytes would. A copy's
 * modification time says when a build last used it (a used copy is touched), so
 * copies of other builds sharing the folder (the fixture build shares public/) stay
 * while they are in use, and a copy no build used for `keepDays` is deleted.
 */
export async function emitImages(
  images: readonly ContentImage[],
  publicDir: string = path.resolve(/*turbopackIgnore: true*/ 'public'),
  { keepDays = IMAGE_KEEP_DAYS, now = new Date() }: { keepDays?: number; now?: Date } = {},
): Promise<EmitReport> {
  mkdirSync(path.join(publicDir, IMAGE_URL_PATH), { recursive: true });
  const unique = [...new Map(images.map((i) => [i.copies[0]!.url, i])).values()];
  const report: EmitReport = { images: unique.length, originalBytes: 0, servedBytes: 0, phoneBytes: 0, made: 0, pruned: 0 };
  const used = new Set<string>();
  for (const image of unique) {
    report.originalBytes += image.bytes;
    for (const copy of image.copies) {
      const file = fileOf(publicDir, copy.url);
      if (!existsSync(file)) {
        // Written beside and renamed: a build stopped halfway never leaves half a file under its final name.
        const tmp = `${file}.${process.pid}.tmp`;
        if (image.format === 'gif') copyFileSync(image.source, tmp);
        else await resize(image, copy.width, tmp);
        renameSync(tmp, file);
        report.made++;
      }
      utimesSync(file, now, now);
      used.add(path.basename(file));
      report.servedBytes += statSync(file).size;
    }
    report.phoneBytes += statSync(fileOf(publicDir, pickCopy(image, 375, 2).url)).size;
  }
  report.pruned = pruneImages(path.join(publicDir, IMAGE_URL_PATH), used, now.getTime() - keepDays * 86_400_000);
  return report;
}

/** Deletes the copies (and stray temp files) not in `used` that no build touched since `before` (ms). */
function pruneImages(folder: string, used: ReadonlySet<string>, before: number): number {
  let pruned = 0;
  for (const name of readdirSync(folder)) {
    if (used.has(name)) continue;
    const file = path.join(folder, name);
    const stat = statSync(file);
    if (!stat.isFile() || stat.mtimeMs >= before) continue;
    unlinkSync(file);
    pruned++;
  }
  return pruned;
}

async function resize(image: ContentImage, width: number, out: string): Promise<void> {
  // rotate() with no angle turns the photo upright by its EXIF orientation; metadata is not copied.
  const pipeline = sharp(image.source).rotate().resize({ width, withoutEnlargement: true });
  const encoded =
    image.format === 'jpeg'
      ? pipeline.jpeg({ quality: 80, mozjpeg: true })
      : image.format === 'webp'
        ? pipeline.webp({ quality: 80 })
        : pipeline.png({ compressionLevel: 9, palette: true, quality: 90 });
  const bytes = await encoded.toBuffer();
  if (width === image.width) {
    // At full size, an original already smaller than its re-encoding and carrying no
    // metadata (EXIF with a position, XMP, IPTC) is served as it is.
    const original = readFileSync(image.source);
    const meta = await sharp(original).metadata();
    if (!meta.exif && !meta.xmp && !meta.iptc && original.length <= bytes.length) return copyFileSync(image.source, out);
  }
  writeFileSync(out, bytes);
}
