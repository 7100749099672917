/**
 * Which articles a build shows. A production build shows only published articles:
 * not drafts (`draft: true`) and not those whose `publishedAt` is still in the
 * future. While writing (`npm run dev`) and in a preview build (`npm run preview`)
 * every article is shown, marked as what it is.
 *
 * "Now" is one moment per process: `CONTENT_NOW` when set (next.config.ts pins it
 * for a whole build, so every build worker draws the same line), else the moment
 * the process first asked.
 */

/** What an article is to a reader right now. */
export type ArticleStatus = 'published' | 'draft' | 'scheduled';

type Dated = { draft?: boolean | undefined; publishedAt: string };

/** An article's status at a moment. */
export function articleStatus(a: Dated, now: number): ArticleStatus {
  if (a.draft) return 'draft';
  return Date.parse(a.publishedAt) > now ? 'scheduled' : 'published';
}

/** Whether this process shows drafts and scheduled articles: `next dev`, or a preview build. */
export function showsUnpublished(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'development' || env.CONTENT_PREVIEW === '1';
}

/** Whether this is a preview build (`npm run preview`): every page says noindex. */
export function isPreviewBuild(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CONTENT_PREVIEW === '1';
}

let processNow: number | undefined;
/** The moment this process decides publication against (see the module comment). */
export function contentNow(env: NodeJS.ProcessEnv = process.env): number {
  const pinned = env.CONTENT_NOW ? Date.parse(env.CONTENT_NOW) : Number.NaN;
  if (!Number.isNaN(pinned)) return pinned;
  processNow ??= Date.now();
  return processNow;
}

/** The articles this process shows, in their order. */
export function visibleArticles<A extends Dated>(articles: readonly A[], env: NodeJS.ProcessEnv = process.env): A[] {
  if (showsUnpublished(env)) return [...articles];
  const now = contentNow(env);
  return articles.filter((a) => articleStatus(a, now) === 'published');
}

/**
 * The decision of `npm run publish-due`: the slugs of articles that are published
 * by `now` (not drafts, publishedAt passed) but have no page in the build, whose
 * prerendered article paths are `builtSlugs`. Empty: the build is current.
 */
export function articlesDue<A extends Dated & { slug: string }>(articles: readonly A[], builtSlugs: ReadonlySet<string>, now: number): string[] {
  return articles.filter((a) => articleStatus(a, now) === 'published' && !builtSlugs.has(a.slug)).map((a) => a.slug);
}

/** The next moment a scheduled article becomes due after `now`, or undefined when none waits. */
export function nextPublishTime(articles: readonly Dated[], now: number): number | undefined {
  const times = articles.filter((a) => articleStatus(a, now) === 'scheduled').map((a) => Date.parse(a.publishedAt));
  return times.length > 0 ? Math.min(...times) : undefined;
}
