import { linkify } from '@/lib/comments/linkify';

/**
 * A comment's text exactly as typed: text nodes (React escapes them), line breaks
 * kept by CSS, and http(s) URLs as links search engines do not credit.
 */
export function CommentText({ body }: { body: string }) {
  return (
    <p className="comment-body">
      {linkify(body).map((s, i) =>
        s.kind === 'text' ? (
          s.text
        ) : (
          <a key={i} href={s.href} rel="nofollow ugc noopener">
            {s.href}
          </a>
        ),
      )}
    </p>
  );
}
