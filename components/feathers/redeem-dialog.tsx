'use client';

import { ConfirmBody, ModalDialog, NoticeBody, ShortBody } from './confirm-dialog';
import { CopyButton } from './copy-button';
import type { RedeemLabels, Step } from './redeem-button';

/** 立即兑换's dialog: confirm, then the code (or 羽毛不足, or what went wrong). */
export default function RedeemDialog({
  step,
  balance,
  labels,
  titleId,
  onClose,
  onRedeem,
}: {
  step: Step;
  balance: number | null;
  labels: RedeemLabels;
  titleId: string;
  onClose: () => void;
  onRedeem: (key: string) => void;
}) {
  return (
    <ModalDialog open onClose={onClose} labelledBy={titleId}>
      {(step.kind === 'confirm' || step.kind === 'busy') && (
        <ConfirmBody
          titleId={titleId}
          question={labels.confirm}
          cancel={labels.cancel}
          confirm={labels.confirmButton}
          busy={step.kind === 'busy'}
          onCancel={onClose}
          onConfirm={() => onRedeem(step.key)}
        />
      )}
      {step.kind === 'short' && <ShortBody titleId={titleId} labels={labels} balance={balance} onClose={onClose} />}
      {step.kind === 'done' && (
        <NoticeBody titleId={titleId} title={step.text} body={step.body} ok={labels.ok} role="status" onClose={onClose}>
          <p className="code-line">
            <code data-code={step.code}>{step.code}</code> <CopyButton text={step.code} label={labels.copy} copied={labels.copied} />
          </p>
          <p>
            <a href={labels.myRedemptionsHref}>{labels.myRedemptions}</a>
          </p>
        </NoticeBody>
      )}
      {step.kind === 'error' && <NoticeBody titleId={titleId} title={step.text} ok={labels.ok} role="alert" onClose={onClose} />}
    </ModalDialog>
  );
}
