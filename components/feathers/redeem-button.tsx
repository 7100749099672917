'use client';

import { useRouter } from 'next/navigation';
import { lazy, Suspense, useId, useState } from 'react';
import { postFields, reloadReaderState, updateReaderState, useReaderState } from '@/components/reader/reader-state';
import { askToSignIn } from '@/components/reader/sign-in-gate';

export type RedeemLabels = {
  redeem: string;
  confirm: string;
  cancel: string;
  confirmButton: string;
  redeemed: string;
  /** 「使用方法：{text}」, shown with the code; the text comes with the redeem answer, not with the page. */
  howToUse: string;
  short: string;
  shortBody: string;
  /** 「你现在有 {balance} 羽毛」 in the 羽毛不足 dialog. */
  shortBalance: string;
  /** 「还差 {n} 羽毛」, instead of 立即兑换, for a reader who cannot afford the gift. */
  shortBy: string;
  earnLink: string;
  earnHref: string;
  copy: string;
  copied: string;
  myRedemptions: string;
  myRedemptionsHref: string;
  ok: string;
  failed: string;
};

export type Step =
  | { kind: 'closed' }
  | { kind: 'confirm'; key: string }
  | { kind: 'busy'; key: string }
  | { kind: 'done'; text: string; body: string; code: string }
  | { kind: 'short' }
  | { kind: 'error'; text: string };

// The dialog opens on a tap, rarely: its code loads then, not with the article
// (whose JavaScript has a budget).
const RedeemDialog = lazy(() => import('./redeem-dialog'));

/** A key for one redemption attempt: a retry or double click of the same attempt reuses it. */
function attemptKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18)); // works outside secure contexts, unlike randomUUID
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/**
 * 立即兑换: asks to confirm, then redeems with one idempotency key per attempt.
 * Without JavaScript it is a plain form (on the mall page, which renders a key) or a
 * link to the mall.
 */
export function RedeemButton({
  giftId,
  price,
  locale,
  next,
  serverKey,
  mallHref,
  labels,
}: {
  giftId: string;
  price: number;
  locale: string;
  next: string;
  serverKey?: string | undefined;
  mallHref: string;
  labels: RedeemLabels;
}) {
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const reader = useReaderState();
  // Known only after load (the page is the same for everyone); until then, and without JavaScript, the button is there.
  const balance = reader.status === 'ready' ? (reader.data.account?.feathers ?? null) : null;
  const titleId = useId();
  const router = useRouter();
  const close = () => {
    // On the mall page, show the new stock (and fresh keys) once the dialog is gone.
    if (step.kind === 'done' && serverKey) router.refresh();
    setStep({ kind: 'closed' });
  };

  const redeem = async (key: string) => {
    setStep({ kind: 'busy', key });
    const result = await postFields('redeem', `/api/gifts/${giftId}/redeem`, { key, locale, next });
    if (result.ok) {
      updateReaderState((d) => ({
        account: d.account && { ...d.account, feathers: result.balance },
        // Beside the article, the stock shown comes from the reader state: one fewer now.
        article: d.article && { ...d.article, stock: { ...d.article.stock, [giftId]: result.remaining } },
      }));
      setStep({
        kind: 'done',
        text: labels.redeemed.replace('{code}', result.redemption.code),
        body: labels.howToUse.replace('{text}', () => result.howToUse),
        code: result.redemption.code,
      });
    } else if (result.code === 'feathers_short') {
      // Spent elsewhere meanwhile: the dialog shows the balance there is now, not the page's.
      void reloadReaderState();
      setStep({ kind: 'short' });
    } else if (result.code !== 'sign_in_required') setStep({ kind: 'error', text: result.message || labels.failed });
  };

  const open = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    const confirm = () => setStep({ kind: 'confirm', key: attemptKey() });
    // Signed out: sign in first; then the confirmation opens, and nothing is spent by signing in.
    // Back to this gift on the mall (which has a key per gift), else to the gifts beside the article.
    const anchor = serverKey ? `gift-${giftId}` : 'gift-aside-title';
    if (!askToSignIn({ reason: 'redeem', anchor, resume: confirm })) confirm();
  };

  if (balance !== null && balance < price && step.kind === 'closed') {
    // Not a live button that can only fail: what is missing, and where to earn it.
    return (
      <p className="short-by">
        <span>{labels.shortBy.replace('{n}', String(price - balance))}</span> <a href={labels.earnHref}>{labels.earnLink}</a>
      </p>
    );
  }

  return (
    <>
      {serverKey ? (
        <form method="post" action={`/api/gifts/${giftId}/redeem`} onSubmit={open}>
          <input type="hidden" name="key" value={serverKey} />
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="next" value={next} />
          <button type="submit" className="button">
            {labels.redeem}
          </button>
        </form>
      ) : (
        <a href={mallHref} className="button" role="button" onClick={open}>
          {labels.redeem}
        </a>
      )}
      {step.kind !== 'closed' && (
        <Suspense fallback={null}>
          <RedeemDialog step={step} balance={balance} labels={labels} titleId={titleId} onClose={close} onRedeem={redeem} />
        </Suspense>
      )}
    </>
  );
}
