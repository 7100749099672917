'use client';

import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { postFields, postForm, updateReaderState, useReaderState } from '@/components/reader/reader-state';
import { COMMENTS_PAGE_SIZE, MAX_COMMENT_LENGTH } from '@/lib/comments/constants';
import type { CommentsAnswer } from '@/lib/http/contract';
import { formatDateTime } from '@/lib/i18n/format';
import { CommentText } from './comment-text';

export type CommentLabels = {
  title: string;
  count: string;
  empty: string;
  label: string;
  placeholder: string;
  submit: string;
  pending: string;
  report: string;
  reported: string;
  previous: string;
  next: string;
  pageOf: string;
  signInToComment: string;
  unavailable: string;
  failed: string;
};

type Listing = Extract<CommentsAnswer, { ok: true }>;

/**
 * 评论: the approved comments (newest first, paginated), the reader's own pending
 * ones marked 审核中, a report button, and the form, which posts without reloading
 * (and works as a plain form without JavaScript). Loaded after the page, so the
 * article stays the same bytes for everyone.
 */
export function CommentsSection({
  slug,
  locale,
  next,
  signInHref,
  labels,
  rulesLink,
  rulesConsent,
}: {
  slug: string;
  locale: string;
  next: string;
  signInHref: string;
  labels: CommentLabels;
  rulesLink: ReactNode;
  /** The label of the box that accepts the 社区公约 (shown until the current version is accepted). */
  rulesConsent: ReactNode;
}) {
  const reader = useReaderState();
  const [listing, setListing] = useState<Listing | null>(null);
  const [failed, setFailed] = useState(false);
  const [page, setPage] = useState(1);
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [notices, setNotices] = useState<Record<number, string>>({});
  const titleId = useId();
  const fieldId = useId();
  const time = (iso: string) => formatDateTime(iso, locale);

  const load = useCallback(
    (p: number) => {
      fetch(`/api/articles/${slug}/comments?page=${p}`, { headers: { accept: 'application/json' }, cache: 'no-store' })
        .then((r) => r.json() as Promise<CommentsAnswer>)
        .then((body) => {
          if (!body.ok) throw new Error(body.code);
          setListing(body);
          setFailed(false);
        })
        .catch(() => setFailed(true));
    },
    [slug],
  );
  useEffect(() => load(page), [load, page]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setStatus(null);
    const result = await postForm('comment', event.currentTarget);
    setPending(false);
    if (result.ok) {
      setText('');
      setStatus({ kind: 'ok', text: result.message ?? '' });
      setListing((l) => l && { ...l, mine: [result.comment, ...l.mine] });
      updateReaderState((d) => (d.account ? { ...d, account: { ...d.account, consentNeeded: d.account.consentNeeded.filter((c) => c !== 'rules') } } : d));
    } else if (result.code !== 'sign_in_required') setStatus({ kind: 'error', text: result.message || labels.failed });
  };

  const report = async (id: number) => {
    const result = await postFields('report', `/api/comments/${id}/report`, { locale, next });
    if (result.ok || result.code !== 'sign_in_required') setNotices((n) => ({ ...n, [id]: result.ok ? labels.reported : result.message || labels.failed }));
  };

  const signedOut = reader.status === 'ready' && reader.data.account === null;
  const pages = listing ? Math.max(1, Math.ceil(listing.total / COMMENTS_PAGE_SIZE)) : 1;
  const me = reader.status === 'ready' ? reader.data.account?.username : undefined;
  // Until the reader's state says the current rules are accepted (and without JavaScript), the box is there.
  const askRules = reader.status !== 'ready' || (reader.data.account?.consentNeeded.includes('rules') ?? true);

  return (
    <section className="comments" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {labels.title}
        {listing ? ` ${labels.count.replace('{count}', String(listing.total))}` : ''}
      </h2>
      {signedOut ? (
        <p>
          <a href={signInHref}>{labels.signInToComment}</a>
        </p>
      ) : (
        <form method="post" action={`/api/articles/${slug}/comments`} className="comment-form" onSubmit={submit}>
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="next" value={next} />
          <label htmlFor={fieldId}>{labels.label}</label>
          <textarea
            id={fieldId}
            name="body"
            required
            maxLength={MAX_COMMENT_LENGTH}
            rows={4}
            placeholder={labels.placeholder}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {askRules && (
            <label className="checkbox-label">
              <input type="checkbox" name="acceptRules" required />
              <span>{rulesConsent}</span>
            </label>
          )}
          <div className="comment-form-actions">
            <span className="hint">{rulesLink}</span>
            <button type="submit" className="button" aria-busy={pending}>
              {labels.submit}
            </button>
          </div>
          <p role="status" className={status?.kind === 'error' ? 'form-error' : 'comment-posted'}>
            {status?.text ?? ''}
          </p>
        </form>
      )}
      {failed && <p className="notice">{labels.unavailable}</p>}
      {listing && (
        <>
          <ol className="comment-list">
            {listing.mine.map((c) => (
              <li key={`mine-${c.id}`} className="comment pending">
                <p className="comment-meta">
                  <strong>{c.author}</strong> <time dateTime={c.createdAt}>{time(c.createdAt)}</time> <span className="badge">{labels.pending}</span>
                </p>
                <CommentText body={c.body} />
              </li>
            ))}
            {listing.comments.map((c) => (
              <li key={c.id} className="comment">
                <p className="comment-meta">
                  <strong>{c.author}</strong> <time dateTime={c.createdAt}>{time(c.createdAt)}</time>
                </p>
                <CommentText body={c.body} />
                {c.author !== me && (
                  <p className="comment-actions">
                    {notices[c.id] ? (
                      <span role="status">{notices[c.id]}</span>
                    ) : (
                      <button type="button" className="link-button" onClick={() => report(c.id)}>
                        {labels.report}
                      </button>
                    )}
                  </p>
                )}
              </li>
            ))}
          </ol>
          {listing.total === 0 && listing.mine.length === 0 && <p>{labels.empty}</p>}
          {pages > 1 && (
            <nav className="pagination" aria-label={labels.title}>
              <button type="button" className="link-button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                {labels.previous}
              </button>
              {/* The page shown, not the one asked for: it changes when the comments do. */}
              <span>{labels.pageOf.replace('{page}', String(listing.page)).replace('{pages}', String(pages))}</span>
              <button type="button" className="link-button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
                {labels.next}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
