'use client';

import { lazy, Suspense, useEffect, useId, useState, type MouseEvent } from 'react';
import { postFields, reloadReaderState, updateReaderState, useReaderState, whenReaderStateKnown } from '@/components/reader/reader-state';
import { askToSignIn } from '@/components/reader/sign-in-gate';
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
  /** 「你现在有 {balance} 羽毛」 in the 羽毛不足 dialog. */
  shortBalance: string;
  earnLink: string;
  earnHref: string;
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
  const balance = state.status === 'ready' ? (state.data.account?.feathers ?? null) : null;
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

  const onBuy = async (event: MouseEvent<HTMLAnchorElement>) => {
    // Without JavaScript (or before it runs) the link is the sign-in page, coming back here.
    event.preventDefault();
    // Never the confirmation while it is unknown who is reading: a tap before the reader state waits for it.
    await whenReaderStateKnown();
    const confirm = () => setStep('confirm');
    // Signed out: sign in over the page first; then the confirmation opens (nothing is spent by signing in).
    if (!askToSignIn({ reason: 'buy', anchor: 'paywall', resume: confirm })) confirm();
  };
  // Signing in as a reader who already bought it: the paid part loads, nothing to confirm.
  const shown: PaidStep = article?.unlocked && step === 'confirm' ? 'closed' : step;

  const buy = async () => {
    setStep('busy');
    const result = await postFields('unlock', `/api/articles/${slug}/unlock`, { locale, next });
    if (result.ok) {
      setStep('closed');
      updateReaderState((d) => ({
        account: d.account && { ...d.account, feathers: result.balance },
        article: d.article && { ...d.article, unlocked: true },
      }));
    } else if (result.code === 'feathers_short') {
      // The balance may have been spent elsewhere meanwhile: the dialog shows what there is now.
      void reloadReaderState();
      setStep('short');
    } else if (result.code !== 'sign_in_required') {
      setError(result.message || labels.failed);
      setStep('error');
    }
  };

  if (html !== null) {
    // Sanitised on the server (rehype-sanitize), like every article body.
    return <div className="prose paid-part" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
  }
  return (
    <div className="paywall" id="paywall">
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
      <a className="button" href={signInHref} role="button" onClick={onBuy}>
        {state.status === 'ready' && state.data.account === null ? labels.signIn : labels.buy}
      </a>
      {shown !== 'closed' && (
        <Suspense fallback={null}>
          <PaidPartDialog step={shown} error={error} balance={balance} labels={labels} titleId={titleId} onClose={() => setStep('closed')} onBuy={buy} />
        </Suspense>
      )}
    </div>
  );
}
