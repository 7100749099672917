// The comment page a reader is on lives in the article's URL (`?comments=2#comments`):
// the article is static and the same for everyone, so only the browser reads it.

/** The query parameter that holds the page of comments. */
export const COMMENTS_PARAM = 'comments';

/** The page of comments `search` asks for (1 when it names none or nonsense). */
export function commentPageOf(search: string): number {
  const value = new URLSearchParams(search).get(COMMENTS_PARAM);
  return value && /^[1-9]\d{0,4}$/.test(value) ? Number(value) : 1;
}

/** The address of page `page` of the comments, keeping the rest of the query (a share link's `ref`…). */
export function commentPageHref(pathname: string, search: string, page: number): string {
  const params = new URLSearchParams(search);
  if (page <= 1) params.delete(COMMENTS_PARAM);
  else params.set(COMMENTS_PARAM, String(page));
  const query = params.toString();
  return `${pathname}${query ? `?${query}` : ''}#comments`;
}
