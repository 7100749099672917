'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { isSignedOut } from './reader-state';
import type { SignInReason } from './sign-in-reasons';

export type { SignInReason } from './sign-in-reasons';

/** A pending ask: why, where to come back to (#anchor), and what to finish once signed in. */
export type SignInRequest = { reason: SignInReason; anchor: string; resume?: () => void };

let current: SignInRequest | null = null;
// Pages without the sheet (/me) keep the plain way: the server's 401 and the sign-in page.
let sheets = 0;
const listeners = new Set<() => void>();

function publish(next: SignInRequest | null) {
  current = next;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * For a reader known to be signed out, opens the sign-in sheet over the page and
 * answers true (the caller stops there; `resume` finishes the action after signing
 * in). Answers false otherwise, and the caller goes on: while the state is unknown
 * the server still refuses, and postForm falls back to the sign-in page.
 */
export function askToSignIn(request: SignInRequest): boolean {
  if (sheets === 0 || !isSignedOut()) return false;
  publish(request);
  return true;
}

/** Closes the sheet without finishing anything. */
export function dismissSignIn() {
  publish(null);
}

/** The pending ask, for the sheet (which counts as mounted while it uses this). */
export function useSignInRequest(): SignInRequest | null {
  useEffect(() => {
    sheets += 1;
    return () => {
      sheets -= 1;
    };
  }, []);
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}
