import path from 'node:path';

/**
 * The content folders: `content/` unless `CONTENT_DIR` says otherwise. It may list
 * several, separated by the path delimiter (`content:tests/fixtures/paid-article`):
 * the later ones add articles (a test build adds a fixture without copying content/).
 * Its own module so the zh-TW converter can find the exceptions file without the loader.
 */
export function contentDir(): string[] {
  return (process.env.CONTENT_DIR ?? 'content').split(path.delimiter).map((d) => path.resolve(/*turbopackIgnore: true*/ d));
}
