import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Image, Root as MdastRoot } from 'mdast';
import { visit } from 'unist-util-visit';
import { readImageDimensions, type ImageFormat } from './image-size';
import type { ContentProblem, ContentRule } from './problem';

/** Where the build puts article images (under public/), and the URL path they are served at. */
export const IMAGE_URL_PATH = '/content-images/';

/** An image file larger than this is refused: readers on a phone pay for every byte. */
export const MAX_IMAGE_BYTES = 2_000_000;
/** …and one with more pixels than this (a 12-megapixel phone photo passes; a poster scan does not). */
export const MAX_IMAGE_PIXELS = 16_000_000;

/**
 * The widths the build makes resized copies at (when the image is wider), for
 * `srcset`: a phone (375 px at 1×–3×) and the 40rem text column at 1× and 2×.
 */
export const IMAGE_WIDTHS = [480, 960, 1440] as const;
/**
 * The column an article image fills: the container is 42rem with 1rem padding a side.
 * Kept in step with `.container` in app/globals.css.
 */
export const IMAGE_SIZES = '(min-width: 42rem) 40rem, calc(100vw - 2rem)';

/** Bumped when the resizing changes, so a cached copy made the old way is never served for the new one. */
const RESIZE_VERSION = '1';

const EXTENSION: Record<ImageFormat, string> = { png: 'png', jpeg: 'jpg', gif: 'gif', webp: 'webp' };
const MIME: Record<ImageFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** One size of an image as served: its URL (content-hashed) and pixel size. */
export type ImageCopy = { url: string; width: number; height: number };

/** An image an article uses, read and checked: the file it comes from and the copies the build serves. */
export type ContentImage = {
  /** The original file (absolute path). */
  source: string;
  format: ImageFormat;
  /** MIME type, for og:image:type. */
  type: string;
  width: number;
  height: number;
  /** Size of the original file. */
  bytes: number;
  /** The copies, narrowest first; the last is at the original size. */
  copies: ImageCopy[];
};

/** The copy at the original size (the `src` of the `<img>`). */
export const largestCopy = (image: ContentImage): ImageCopy => image.copies[image.copies.length - 1]!;

/** The copy a cover is shared as (og:image, JSON-LD): the widest up to 1440 px, enough for any card. */
export const coverCopy = (image: ContentImage): ImageCopy & { type: string } => ({
  ...(image.copies.filter((c) => c.width <= IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1]!).at(-1) ?? image.copies[0]!),
  type: image.type,
});

/** Every image of these articles, covers included. */
export const imagesOf = (articles: ReadonlyArray<{ images: ContentImage[]; cover?: ContentImage | undefined }>): ContentImage[] =>
  articles.flatMap((a) => [...a.images, ...(a.cover ? [a.cover] : [])]);

/**
 * The URLs an image is served at, named by the hash of the original's bytes, the
 * copy's width and the resize version: any change of either gives a new URL, so a
 * year of caching is safe. Every copy is made by the build (metadata such as a
 * phone's GPS position stripped, turned upright), the widest at the original size.
 * GIFs are served as they are: resizing would drop their animation.
 */
export function imageCopies(hash: string, format: ImageFormat, width: number, height: number): ImageCopy[] {
  const ext = EXTENSION[format];
  if (format === 'gif') return [{ url: `${IMAGE_URL_PATH}${hash}.${ext}`, width, height }];
  return [...IMAGE_WIDTHS.filter((w) => w < width), width].map((w) => ({
    url: `${IMAGE_URL_PATH}${hash}-${w}w${RESIZE_VERSION}.${ext}`,
    width: w,
    height: Math.max(1, Math.round((height * w) / width)),
  }));
}

/** A problem with one image reference, or the image it names. */
type ImageResult = { ok: true; image: ContentImage } | { ok: false; rule: ContentRule; message: string };

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Reads the image a Markdown file or front matter names: `ref` is a path relative
 * to the file `fromFile` (`./images/x.jpg`), and it must stay inside `root`, the
 * content folder. Refuses remote URLs, missing files, formats other than PNG, JPEG,
 * GIF and WebP, and files over the size limits.
 */
export function readContentImage(ref: string, fromFile: string, root: string): ImageResult {
  if (REMOTE.test(ref)) {
    return { ok: false, rule: 'image-remote', message: `image "${ref}" is a remote URL: put the file under content/ and write its path relative to this file` };
  }
  if (ref.startsWith('/')) {
    return { ok: false, rule: 'image-missing', message: `image "${ref}": write the path relative to this file (./images/…), not from the root` };
  }
  let decoded = ref;
  try {
    decoded = decodeURI(ref);
  } catch {
    // A path with a stray % is looked up as written.
  }
  const full = path.resolve(path.dirname(fromFile), decoded.split(/[?#]/, 1)[0]!);
  const inside = path.relative(root, full);
  if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return { ok: false, rule: 'image-missing', message: `image "${ref}" is outside the content folder` };
  }
  let bytes: Buffer;
  try {
    if (!statSync(full).isFile()) throw new Error('not a file');
    bytes = readFileSync(full);
  } catch {
    return { ok: false, rule: 'image-missing', message: `image "${ref}" not found (looked for ${path.relative(process.cwd(), full)})` };
  }
  if (bytes.length > MAX_IMAGE_BYTES) {
    return {
      ok: false,
      rule: 'image-too-large',
      message: `image "${ref}" is ${bytes.length} bytes: keep it under ${MAX_IMAGE_BYTES} (save it smaller, or as JPEG or WebP)`,
    };
  }
  const size = readImageDimensions(bytes);
  if (!size) return { ok: false, rule: 'image-format', message: `image "${ref}" is not a PNG, JPEG, GIF or WebP file` };
  if (size.width * size.height > MAX_IMAGE_PIXELS || size.width === 0 || size.height === 0) {
    return {
      ok: false,
      rule: 'image-too-large',
      message: `image "${ref}" is ${size.width}×${size.height} pixels: keep it under ${MAX_IMAGE_PIXELS / 1_000_000} megapixels (the site serves at most ${IMAGE_WIDTHS.at(-1)} px wide)`,
    };
  }
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 20);
  return {
    ok: true,
    image: {
      source: full,
      format: size.format,
      type: MIME[size.format],
      width: size.width,
      height: size.height,
      bytes: bytes.length,
      copies: imageCopies(hash, size.format, size.width, size.height),
    },
  };
}

/**
 * Checks every image of an article's Markdown and points it at its served copies:
 * the URL of the original size, `srcset` of every copy, width and height (no layout
 * shift), `decoding="async"`, and `loading="lazy"` for all but the first (the one a
 * reader may see without scrolling), which gets `fetchpriority="high"` instead.
 * Problems come at the image's `!`. Returns the images read, in document order.
 */
export function resolveArticleImages(
  tree: MdastRoot,
  file: string,
  fullPath: string,
  root: string,
  pointAt: (offset: number) => { line: number; column: number },
): { images: ContentImage[]; problems: ContentProblem[] } {
  const images: ContentImage[] = [];
  const problems: ContentProblem[] = [];
  visit(tree, (node) => {
    if (node.type !== 'image' && node.type !== 'imageReference') return;
    const at = pointAt(node.position?.start.offset ?? 0);
    const report = (rule: ContentRule, message: string) => problems.push({ file, ...at, rule, message });
    if (node.type === 'imageReference') {
      report('image-syntax', 'write an image as ![alt text](./images/file.jpg): reference-style images are not supported');
      return;
    }
    const image: Image = node;
    if (!image.alt?.trim()) report('image-alt', `image "${image.url}" has no alt text: describe it between the brackets, ![what it shows](…)`);
    const result = readContentImage(image.url, fullPath, root);
    if (!result.ok) {
      report(result.rule, result.message);
      return;
    }
    const first = images.length === 0;
    images.push(result.image);
    image.url = largestCopy(result.image).url;
    image.data = {
      ...image.data,
      hProperties: {
        ...image.data?.hProperties,
        width: result.image.width,
        height: result.image.height,
        ...(result.image.copies.length > 1 ? { srcSet: result.image.copies.map((c) => `${c.url} ${c.width}w`).join(', '), sizes: IMAGE_SIZES } : {}),
        decoding: 'async',
        // The first may be the page's largest paint: fetched early; the others when scrolled near.
        ...(first ? { fetchPriority: 'high' } : { loading: 'lazy' }),
      },
    };
  });
  return { images, problems };
}

/** Images in a file that is not an article (rules, legal pages, authors): refused, at their `!`. */
export function refuseImages(tree: MdastRoot, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  visit(tree, (node) => {
    if ((node.type === 'image' || node.type === 'imageReference') && node.position) {
      const { line, column } = node.position.start;
      problems.push({ file, line, column, rule: 'image-syntax', message: 'images are shown in articles only (content/articles/…)' });
    }
  });
  return problems;
}
