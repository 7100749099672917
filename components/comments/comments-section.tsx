'use client';

import { lazy, Suspense, useCallback, useEffect, useId, useState, type FormEvent, type MouseEvent, type ReactNode } from 'react';
import { postForm, postFields, updateReaderState, useReaderState } from '@/components/reader/reader-state';
import { askToSignIn } from '@/components/reader/sign-in-gate';
import { COMMENTS_PAGE_SIZE, MAX_COMMENT_LENGTH } from '@/lib/comments/constants';
import type { CommentsAnswer, CommentView, OwnCommentView } from '@/lib/http/contract';
import { formatDateTime, formatRelative, type RelativeLabels } from '@/lib/i18n/format';
import { commentPageHref, commentPageOf } from './comment-pages';
import { FoldedText } from './folded-text';
import type { ReportLabels } from './report-dialog';
import './comments.css';

// 举报's sheet loads on the first 举报, not with the article.
const ReportDialog = lazy(() => import('./report-dialog').then((m) => ({ default: m.ReportDialog })));

export type CommentLabels = RelativeLabels & {
  title: string;
  count: string;
  empty: string;
  label: string;
  placeholder: string;
  submit: string;
  pending: string;
  rejected: string;
  report: string;
  reported: string;
  previous: string;
  next: string;
  pageOf: string;
  signInToComment: string;
  unavailable: string;
  failed: string;
  expand: string;
  collapse: string;
  reportSheet: ReportLabels;
};

type Listing = Extract<CommentsAnswer, { ok: true }>;

/**
 * 评论: the approved comments (newest first, ten a page, the page in the URL), the
 * reader's own pending and rejected ones marked in place, 举报 through a short sheet,
 * and the form, which posts without reloading (and works as a plain form without
 * JavaScript). Loaded after the page, so the article stays the same bytes for everyone.
 */
export function CommentsSection({
  slug,
  locale,
  next,
  signInHref,
  labels,
  rulesLink,
  rulesConsent,
  appeal,
  appealBan,
}: {
  slug: string;
  locale: string;
  next: string;
  signInHref: string;
  labels: CommentLabels;
  rulesLink: ReactNode;
  /** The label of the box that accepts the 社区公约 (shown until the current version is accepted). */
  rulesConsent: ReactNode;
  /** Where the author of a rejected comment objects (建议反馈): the address up to the comment's id, and the link's words. */
  appeal?: { hrefPrefix: string; label: string };
  /** Where a banned reader objects to the ban (建议反馈, as an appeal), shown beside the refusal. */
  appealBan?: { href: string; label: string };
}) {
  const reader = useReaderState();
  const [listing, setListing] = useState<Listing | null>(null);
  const [failed, setFailed] = useState(false);
  // null until the browser has read the page from the address (the server cannot).
  const [page, setPage] = useState<number | null>(null);
  const [now, setNow] = useState(() => new Date());
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string; banned?: boolean } | null>(null);
  const [notices, setNotices] = useState<Record<number, string>>({});
  const [reporting, setReporting] = useState<number | null>(null);
  const [reportBusy, setReportBusy] = useState(false);
  const titleId = useId();
  const fieldId = useId();

  useEffect(() => {
    const read = () => setPage(commentPageOf(window.location.search));
    read();
    window.addEventListener('popstate', read);
    return () => window.removeEventListener('popstate', read);
  }, []);

  const load = useCallback(
    (p: number) => {
      fetch(`/api/articles/${slug}/comments?page=${p}&locale=${locale}`, { headers: { accept: 'application/json' }, cache: 'no-store' })
        .then((r) => r.json() as Promise<CommentsAnswer>)
        .then((body) => {
          if (!body.ok) throw new Error(body.code);
          setNow(new Date());
          setListing(body);
          setFailed(false);
        })
        .catch(() => setFailed(true));
    },
    [slug, locale],
  );
  useEffect(() => {
    if (page !== null) load(page);
  }, [load, page]);

  const goTo = (event: MouseEvent<HTMLAnchorElement>, p: number) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    window.history.pushState(null, '', commentPageHref(window.location.pathname, window.location.search, p));
    setPage(p);
    // The reader stays at the top of the comments, not wherever the shorter page leaves them.
    document.getElementById('comments')?.scrollIntoView({ block: 'start' });
  };

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
    } else if (result.code !== 'sign_in_required')
      setStatus({ kind: 'error', text: result.message || labels.failed, banned: result.code.startsWith('comment_banned') });
  };

  const report = async (reason: string) => {
    const id = reporting;
    if (id === null) return;
    setReportBusy(true);
    const result = await postFields('report', `/api/comments/${id}/report`, { locale, next, reason });
    setReportBusy(false);
    setReporting(null);
    if (result.ok || result.code !== 'sign_in_required') setNotices((n) => ({ ...n, [id]: result.ok ? labels.reported : result.message || labels.failed }));
  };

  const signedOut = reader.status === 'ready' && reader.data.account === null;
  // After signing in over the page, the form replaces the link: the reader writes straight away.
  const focusField = () => requestAnimationFrame(() => document.getElementById(fieldId)?.focus());
  const reportSignedOut = (id: number) => {
    if (!askToSignIn({ reason: 'report', anchor: 'comments', resume: () => setReporting(id) })) window.location.assign(signInHref);
  };
  const pages = listing ? Math.max(1, Math.ceil(listing.total / COMMENTS_PAGE_SIZE)) : 1;
  const me = reader.status === 'ready' ? reader.data.account?.username : undefined;
  // Until the reader's state says the current rules are accepted (and without JavaScript), the box is there.
  const askRules = reader.status !== 'ready' || (reader.data.account?.consentNeeded.includes('rules') ?? true);
  // The rules' categories come with the list (not with the page): 举报 is on a listed comment.
  const categories = listing?.categories ?? [];
  const categoryOf = (id: string | null) => categories.find((c) => c.id === id);
  const href = (p: number) => commentPageHref(window.location.pathname, window.location.search, p);

  const meta = (c: CommentView, badge?: ReactNode) => (
    <p className="comment-meta">
      <strong>{c.author}</strong>{' '}
      <time dateTime={c.createdAt} title={formatDateTime(c.createdAt, locale)}>
        {formatRelative(c.createdAt, now, locale, labels)}
      </time>
      {badge}
    </p>
  );
  const own = (c: OwnCommentView) => {
    const category = categoryOf(c.reason);
    return (
      <li key={`mine-${c.id}`} className={`comment ${c.status}`}>
        {meta(
          c,
          <>
            {' '}
            <span className="badge">
              {c.status === 'pending' ? (
                labels.pending
              ) : (
                <span lang={category && category.lang !== locale ? category.lang : undefined}>{labels.rejected.replace('{reason}', category?.name ?? '')}</span>
              )}
            </span>
          </>,
        )}
        <FoldedText body={c.body} expand={labels.expand} collapse={labels.collapse} />
        {c.status === 'rejected' && appeal && (
          <p className="comment-actions">
            <a href={`${appeal.hrefPrefix}${c.id}`}>{appeal.label}</a>
          </p>
        )}
      </li>
    );
  };

  return (
    <section id="comments" className="comments" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {labels.title}
        {listing ? labels.count.replace('{count}', String(listing.total)) : ''}
      </h2>
      {signedOut ? (
        <p>
          {/* Over the page when it has the sign-in sheet (the form then appears in place); else the sign-in page. */}
          <a href={signInHref} onClick={(e) => askToSignIn({ reason: 'comment', anchor: 'comments', resume: focusField }) && e.preventDefault()}>
            {labels.signInToComment}
          </a>
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
          {status?.banned && appealBan && (
            // A ban can be contested: 建议反馈 opens as an appeal against it.
            <p className="comment-appeal">
              <a href={appealBan.href}>{appealBan.label}</a>
            </p>
          )}
        </form>
      )}
      {failed && <p className="notice">{labels.unavailable}</p>}
      {listing && (
        <>
          <ol className="comment-list">
            {listing.mine.map(own)}
            {listing.comments.map((c) => (
              <li key={c.id} className="comment">
                {meta(c)}
                <FoldedText body={c.body} expand={labels.expand} collapse={labels.collapse} />
                {c.author !== me && (
                  <p className="comment-actions">
                    {notices[c.id] ? (
                      <span role="status">{notices[c.id]}</span>
                    ) : (
                      <button
                        type="button"
                        className="link-button"
                        // A signed-out reader signs in first, before choosing a reason that would be lost;
                        // over the page, the reasons open once signed in.
                        onClick={() => (signedOut ? reportSignedOut(c.id) : setReporting(c.id))}
                      >
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
              {listing.page > 1 ? (
                <a href={href(listing.page - 1)} onClick={(e) => goTo(e, listing.page - 1)}>
                  {labels.previous}
                </a>
              ) : null}
              {/* The page shown, not the one asked for: it changes when the comments do. */}
              <span>{labels.pageOf.replace('{page}', String(listing.page)).replace('{pages}', String(pages))}</span>
              {listing.page < pages ? (
                <a href={href(listing.page + 1)} onClick={(e) => goTo(e, listing.page + 1)}>
                  {labels.next}
                </a>
              ) : null}
            </nav>
          )}
        </>
      )}
      {reporting !== null && (
        <Suspense fallback={null}>
          <ReportDialog
            open
            locale={locale}
            categories={categories}
            labels={labels.reportSheet}
            busy={reportBusy}
            onCancel={() => setReporting(null)}
            onConfirm={report}
          />
        </Suspense>
      )}
    </section>
  );
}
