'use client';

import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { postFields, updateReaderState, useReaderState } from '@/components/reader/reader-state';
import type { PaidPartAnswer } from '@/lib/http/contract';

export type PaidLabels = {
  retry: string;
  locked: string;
  buy: string;
  confirm: string;
  cancel: string;
  confirmButton: string;
  short: string;
  shortBody: string;
  ok: string;
  failed: string;
  signIn: string;
};

export type PaidStep = 'closed' | 'confirm' | 'busy' | 'short' | 'error';

// 购买's dialog loads on the tap, not with the article.
const PaidPartDialog = lazy(() => import('./paid-part-dialog'));

/**
 * The rest of a paid article. The page never carries it: once the reader-state
 * request says this reader unlocked it, it is fetched from /api/articles/<slug>/paid
 * (sanitised HTML made on the server from the editor's Markdown). Until then, 购买.
 */
export function PaidPart({
  slug,
  locale,
  next,
  lang,
  signInHref,
  labels,
}: {
  slug: string;
  locale: string;
  next: string;
  lang: string;
  signInHref: string;
  labels: PaidLabels;
}) {
  const state = useReaderState();
  const article = state.status === 'ready' && state.data.article?.slug === slug ? state.data.article : null;
  const signedIn = state.status === 'ready' && state.data.account !== null;
  const [html, setHtml] = useState<string | null>(null);
  const [step, setStep] = useState<PaidStep>('closed');
  const [error, setError] = useState('');
  // The reader has paid but the paid part did not arrive (network, database): say so and offer another try.
  const [loadFailed, setLoadFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const titleId = useId();

  useEffect(() => {
    if (!article?.unlocked || html !== null) return;
    fetch(`/api/articles/${slug}/paid?locale=${locale}`, { headers: { accept: 'application/json' }, cache: 'no-store' })
      .then((r) => r.json() as Promise<PaidPartAnswer>)
      .then((body) => (body.ok ? setHtml(body.html) : setLoadFailed(true)))
      .catch(() => setLoadFailed(true));
  }, [article?.unlocked, html, slug, locale, attempt]);

  const buy = async () => {
    setStep('busy');
    const result = await postFields('unlock', `/api/articles/${slug}/unlock`, { locale, next });
    if (result.ok) {
      setStep('closed');
      updateReaderState((d) => ({
        account: d.account && { ...d.account, feathers: result.balance },
        article: d.article && { ...d.article, unlocked: true },
      }));
    } else if (result.code === 'feathers_short') setStep('short');
    else if (result.code !== 'sign_in_required') {
      setError(result.message || labels.failed);
      setStep('error');
    }
  };

  if (html !== null) {
    // Sanitised on the server (rehype-sanitize), like every article body.
    return <div className="prose paid-part" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
  }
  return (
    <div className="paywall">
      <p>{labels.locked}</p>
      {loadFailed && (
        <p role="alert" className="form-error">
          {labels.failed}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setLoadFailed(false);
              setAttempt((n) => n + 1);
            }}
          >
            {labels.retry}
          </button>
        </p>
      )}
      {state.status === 'ready' && !signedIn ? (
        <a className="button" href={signInHref}>
          {labels.signIn}
        </a>
      ) : (
        <button type="button" className="button" disabled={article?.unlocked === true} onClick={() => setStep('confirm')}>
          {labels.buy}
        </button>
      )}
      {step !== 'closed' && (
        <Suspense fallback={null}>
          <PaidPartDialog step={step} error={error} labels={labels} titleId={titleId} onClose={() => setStep('closed')} onBuy={buy} />
        </Suspense>
      )}
    </div>
  );
}
