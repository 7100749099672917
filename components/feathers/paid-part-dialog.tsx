'use client';

import { ConfirmBody, ModalDialog, NoticeBody, ShortBody } from './confirm-dialog';
import type { PaidLabels, PaidStep } from './paid-part';

/** 购买's dialog: confirm, or 羽毛不足, or what went wrong. */
export default function PaidPartDialog({
  step,
  error,
  balance,
  labels,
  titleId,
  onClose,
  onBuy,
}: {
  step: PaidStep;
  error: string;
  balance: number | null;
  labels: PaidLabels;
  titleId: string;
  onClose: () => void;
  onBuy: () => void;
}) {
  return (
    <ModalDialog open onClose={onClose} labelledBy={titleId}>
      {step === 'confirm' || step === 'busy' ? (
        <ConfirmBody
          titleId={titleId}
          question={labels.confirm}
          cancel={labels.cancel}
          confirm={labels.confirmButton}
          busy={step === 'busy'}
          onCancel={onClose}
          onConfirm={onBuy}
        />
      ) : step === 'short' ? (
        <ShortBody titleId={titleId} labels={labels} balance={balance} onClose={onClose} />
      ) : (
        <NoticeBody titleId={titleId} title={error} ok={labels.ok} role="alert" onClose={onClose} />
      )}
    </ModalDialog>
  );
}
