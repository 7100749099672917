'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal native <dialog>: the browser keeps focus inside, Escape closes it, and
 * focus returns to what opened it.
 */
export function ModalDialog({ open, onClose, labelledBy, children }: { open: boolean; onClose: () => void; labelledBy: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      el.showModal();
      return () => {
        if (el.open) el.close();
        if (opener?.isConnected) opener.focus();
      };
    }
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}

/** A question with 考虑一下 / confirm buttons, inside a ModalDialog. */
export function ConfirmBody(props: {
  titleId: string;
  question: string;
  cancel: string;
  confirm: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <>
      <p id={props.titleId} className="modal-title">
        {props.question}
      </p>
      <div className="modal-actions">
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          {props.cancel}
        </button>
        <button type="button" className="button" aria-busy={props.busy} onClick={() => !props.busy && props.onConfirm()}>
          {props.confirm}
        </button>
      </div>
    </>
  );
}

/** An outcome (羽毛不足, a code, an error) with one 我知道了 button, inside a ModalDialog. */
export function NoticeBody(props: {
  titleId: string;
  title: string;
  body?: string | undefined;
  ok: string;
  role?: 'status' | 'alert' | undefined;
  onClose: () => void;
  /** More than a sentence: a code with 复制, links onward. */
  children?: ReactNode;
}) {
  return (
    <>
      <p id={props.titleId} className="modal-title" role={props.role}>
        {props.title}
      </p>
      {props.body && <p>{props.body}</p>}
      {props.children}
      <div className="modal-actions">
        <button type="button" className="button" onClick={props.onClose} autoFocus>
          {props.ok}
        </button>
      </div>
    </>
  );
}

/** The labels of 羽毛不足, the same for a gift and for 购买. */
export type ShortLabels = { short: string; shortBody: string; shortBalance: string; earnHref: string; earnLink: string; ok: string };

/** 羽毛不足: what the reader has now (when known) and where to earn more. */
export function ShortBody({ titleId, labels, balance, onClose }: { titleId: string; labels: ShortLabels; balance: number | null; onClose: () => void }) {
  return (
    <NoticeBody titleId={titleId} title={labels.short} body={labels.shortBody} ok={labels.ok} onClose={onClose}>
      {balance !== null && <p>{labels.shortBalance.replace('{balance}', String(balance))}</p>}
      <p>
        <a href={labels.earnHref}>{labels.earnLink}</a>
      </p>
    </NoticeBody>
  );
}
