// No imports on purpose: the comment list in the browser pages with this too, and
// must not pull the server's comment code (drizzle, node:crypto) into the page.

/** Approved comments per page, newest first (GET /api/articles/<slug>/comments?page=N). */
export const COMMENTS_PAGE_SIZE = 10;

/** Longest comment, in characters (code points) after trimming. */
export const MAX_COMMENT_LENGTH = 1000;

/** Most links a comment may carry. */
export const MAX_LINKS = 3;
