'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { postFields, updateReaderState } from '@/components/reader/reader-state';
import { askToSignIn } from '@/components/reader/sign-in-gate';
import { ConfirmBody, ModalDialog, NoticeBody } from './confirm-dialog';

export type RedeemLabels = {
  redeem: string;
  confirm: string;
  cancel: string;
  confirmButton: string;
  redeemed: string;
  /** How to use the gift's code, shown with it. */
  howToUse: string;
  short: string;
  shortBody: string;
  ok: string;
  failed: string;
};

type Step =
  | { kind: 'closed' }
  | { kind: 'confirm'; key: string }
  | { kind: 'busy'; key: string }
  | { kind: 'done'; text: string; body: string }
  | { kind: 'short' }
  | { kind: 'error'; text: string };

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
  locale,
  next,
  serverKey,
  mallHref,
  labels,
}: {
  giftId: string;
  locale: string;
  next: string;
  serverKey?: string | undefined;
  mallHref: string;
  labels: RedeemLabels;
}) {
  const [step, setStep] = useState<Step>({ kind: 'closed' });
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
      updateReaderState((d) => (d.account ? { ...d, account: { ...d.account, feathers: result.balance } } : d));
      setStep({ kind: 'done', text: labels.redeemed.replace('{code}', result.redemption.code), body: labels.howToUse });
    } else if (result.code === 'feathers_short') setStep({ kind: 'short' });
    else if (result.code !== 'sign_in_required') setStep({ kind: 'error', text: result.message || labels.failed });
  };

  const open = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    const confirm = () => setStep({ kind: 'confirm', key: attemptKey() });
    // Signed out: sign in first; then the confirmation opens, and nothing is spent by signing in.
    if (!askToSignIn({ reason: 'redeem', anchor: 'gift-aside-title', resume: confirm })) confirm();
  };

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
      <ModalDialog open={step.kind !== 'closed'} onClose={close} labelledBy={titleId}>
        {(step.kind === 'confirm' || step.kind === 'busy') && (
          <ConfirmBody
            titleId={titleId}
            question={labels.confirm}
            cancel={labels.cancel}
            confirm={labels.confirmButton}
            busy={step.kind === 'busy'}
            onCancel={close}
            onConfirm={() => redeem(step.key)}
          />
        )}
        {step.kind === 'short' && <NoticeBody titleId={titleId} title={labels.short} body={labels.shortBody} ok={labels.ok} onClose={close} />}
        {(step.kind === 'done' || step.kind === 'error') && (
          <NoticeBody
            titleId={titleId}
            title={step.text}
            body={step.kind === 'done' ? step.body : undefined}
            ok={labels.ok}
            role={step.kind === 'error' ? 'alert' : 'status'}
            onClose={close}
          />
        )}
      </ModalDialog>
    </>
  );
}
