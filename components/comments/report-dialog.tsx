'use client';

import { useId, useState, type FormEvent } from 'react';
import { ModalDialog } from '@/components/feathers/confirm-dialog';
import type { RuleCategoryOption } from '@/lib/http/contract';

export type ReportLabels = { title: string; hint: string; confirm: string; cancel: string; reasonRequired: string };

/**
 * 举报's short sheet: the rules' categories to choose from and a confirm, so a
 * report is never a stray tap and the moderator learns why it was made.
 */
export function ReportDialog({
  open,
  locale,
  categories,
  labels,
  busy,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  locale: string;
  categories: RuleCategoryOption[];
  labels: ReportLabels;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const titleId = useId();
  const hintId = useId();
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = new FormData(event.currentTarget).get('reason');
    if (typeof reason !== 'string' || !reason) return setMissing(true);
    setMissing(false);
    if (!busy) onConfirm(reason);
  };
  return (
    <ModalDialog open={open} onClose={onCancel} labelledBy={titleId}>
      {/* noValidate: the message below says what is missing, in the site's words. */}
      <form className="report-form" onSubmit={submit} noValidate>
        <p id={titleId} className="modal-title">
          {labels.title}
        </p>
        <fieldset aria-describedby={hintId}>
          <legend id={hintId}>{labels.hint}</legend>
          {categories.map((c) => (
            <label key={c.id} className="report-option">
              <input type="radio" name="reason" value={c.id} onChange={() => setMissing(false)} />
              <span lang={c.lang === locale ? undefined : c.lang}>{c.name}</span>
            </label>
          ))}
        </fieldset>
        <p role="alert" className="form-error">
          {missing ? labels.reasonRequired : ''}
        </p>
        <div className="modal-actions">
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {labels.cancel}
          </button>
          <button type="submit" className="button" aria-busy={busy}>
            {labels.confirm}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
