'use client';

import { ConfirmBody, ModalDialog, NoticeBody } from './confirm-dialog';
import type { PaidLabels, PaidStep } from './paid-part';

/** 购买's dialog: confirm, or 羽毛不足, or what went wrong. */
export default function PaidPartDialog({
  step,
  error,
  labels,
  titleId,
  onClose,
  onBuy,
}: {
  step: PaidStep;
  error: string;
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
      ) : (
        <NoticeBody
          titleId={titleId}
          title={step === 'short' ? labels.short : error}
          body={step === 'short' ? labels.shortBody : undefined}
          ok={labels.ok}
          role={step === 'error' ? 'alert' : undefined}
          onClose={onClose}
        />
      )}
    </ModalDialog>
  );
}
