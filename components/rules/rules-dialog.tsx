'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

type Props = { title: string; closeLabel: string; lang: string; children: ReactNode };

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * The community rules shown over the page they were opened from (an intercepting
 * route, so the modal has its own URL). Closing goes back in history: Escape,
 * the close button and the browser's Back button all end in the same place.
 */
export function RulesDialog(props: Props) {
  // A soft navigation away from /rules (without Back) must not leave the modal
  // behind; remounting the dialog when the path returns reopens it properly.
  const onRulesPath = /\/rules\/?$/.test(usePathname() ?? '/rules');
  return onRulesPath ? <OpenRulesDialog {...props} /> : null;
}

function OpenRulesDialog({ title, closeLabel, lang, children }: Props) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (typeof el.showModal === 'function' && !el.open) el.showModal();
    else el.setAttribute('open', '');
    el.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (el.open && typeof el.close === 'function') el.close();
      // Give focus back to whatever opened the dialog once it is gone.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const close = useCallback(() => router.back(), [router]);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== 'Tab') return;
    // Keep Tab inside the dialog, wrapping at both ends.
    const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="rules-dialog"
      aria-labelledby="rules-dialog-title"
      onKeyDown={onKeyDown}
      // Escape on a native modal fires "cancel"; route it through history instead.
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      // A tap outside the box lands on the <dialog> itself (its backdrop): close, as Escape does.
      onClick={(e) => {
        if (e.target === e.currentTarget) close();
      }}
    >
      <div className="rules-dialog-body" lang={lang} tabIndex={0} data-autofocus>
        <h2 id="rules-dialog-title">{title}</h2>
        {children}
      </div>
      <div className="rules-dialog-actions">
        <button type="button" className="button" onClick={close}>
          {closeLabel}
        </button>
      </div>
    </dialog>
  );
}
