// No imports on purpose: the comment list in the browser pages with this too, and
// must not pull the server's comment code (drizzle, node:crypto) into the page.

/** Approved comments per page, newest first (GET /api/articles/<slug>/comments?page=N). */
export const COMMENTS_PAGE_SIZE = 10;

/**
 * The deepest page of an article's comments anyone can ask for (2,000 comments).
 * Pages are `?page=N` (OFFSET), which keyset paging cannot give; OFFSET costs the
 * rows it skips, walked along comments_article_idx, so the skip is bounded here.
 * A deeper page number reads as this one.
 */
export const MAX_COMMENTS_PAGE = 100;

/** Longest comment, in characters (code points) after trimming. */
export const MAX_COMMENT_LENGTH = 1000;

/** Most links a comment may carry. */
export const MAX_LINKS = 3;
