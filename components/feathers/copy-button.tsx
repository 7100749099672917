'use client';

import { useState, useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * 复制 beside a redemption code. Shown only once the page runs JavaScript (without
 * it the button could do nothing; the code stays selectable text either way).
 */
export function CopyButton({ text, label, copied }: { text: string; label: string; copied: string }) {
  // false in the server's HTML and while hydrating, true once the page runs.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [done, setDone] = useState(false);
  if (!ready) return null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // A browser that refuses the clipboard (an insecure origin, an old WebView):
      // select the code so that the reader's own copy gesture takes it.
      const selection = window.getSelection();
      const code = document.querySelector(`[data-code="${CSS.escape(text)}"]`);
      if (selection && code) selection.selectAllChildren(code);
    }
    setDone(true);
  };
  return (
    <button type="button" className="copy-button" onClick={copy}>
      <span aria-live="polite">{done ? copied : label}</span>
      {/* Which code: a list of them needs buttons a screen reader can tell apart. */}
      <span className="visually-hidden"> {text}</span>
    </button>
  );
}
