'use client';

import { useSyncExternalStore } from 'react';

const KEY = 'banner-dismissed';
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

// Storage can be off (private modes, some in-app browsers): then closing holds for this page only.
let closedHere: string | null = null;

function readDismissed(): string | null {
  try {
    return window.localStorage.getItem(KEY) ?? closedHere;
  } catch {
    return closedHere;
  }
}

const noChange = () => () => {};

/**
 * The promo line under the bar. The server HTML always has it (the same bytes for
 * every reader); a reader who closed it does not see it again until the text changes,
 * because what is remembered is the text that was closed.
 */
export function PromoBanner({ text, lang, dismissLabel }: { text: string; lang: string; dismissLabel: string }) {
  const dismissed = useSyncExternalStore(subscribe, readDismissed, () => null);
  // Without JavaScript there is nothing to close it with, so no dead button either.
  const scripted = useSyncExternalStore(
    noChange,
    () => true,
    () => false,
  );
  if (dismissed === text) return null;
  const dismiss = () => {
    closedHere = text;
    try {
      window.localStorage.setItem(KEY, text);
    } catch {
      // Remembered in closedHere only.
    }
    for (const listener of listeners) listener();
  };
  return (
    <div className="banner">
      <p lang={lang}>{text}</p>
      {scripted && (
        <button type="button" className="banner-close" aria-label={dismissLabel} onClick={dismiss}>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}
