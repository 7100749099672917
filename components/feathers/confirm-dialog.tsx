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
