'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useSyncExternalStore } from 'react';

import type { MutationAnswer, MutationName, ReaderState, ReaderStateAnswer } from '@/lib/http/contract';

export type { FavouriteState, RatingState, ReaderState } from '@/lib/http/contract';
export type Snapshot = { status: 'loading' } | { status: 'unavailable' } | { status: 'ready'; data: ReaderState };

const LOADING: Snapshot = { status: 'loading' };
let snapshot: Snapshot = LOADING;
let loadedFor: string | null = null;
const listeners = new Set<() => void>();

function publish(next: Snapshot) {
  snapshot = next;
  for (const listener of listeners) listener();
}

/** The article a path shows ('/zh-TW/articles/x' → 'x'), if any. */
export function articleSlugOf(pathname: string): string | null {
  return /^(?:\/[a-zA-Z-]+)?\/articles\/([^/]+)\/?$/.exec(pathname)?.[1] ?? null;
}

/**
 * Fetches GET /api/reader-state once per page shown; the header and the article's
 * controls share the answer, so a page makes one request for everything personal.
 */
function load(pathname: string): Promise<void> {
  if (loadedFor === pathname) return Promise.resolve();
  loadedFor = pathname;
  const slug = articleSlugOf(pathname);
  return fetch(`/api/reader-state${slug ? `?article=${encodeURIComponent(slug)}` : ''}`, { headers: { accept: 'application/json' }, cache: 'no-store' })
    .then((r) => r.json() as Promise<ReaderStateAnswer>)
    .then((body) => {
      if (loadedFor !== pathname) return;
      publish(body.available ? { status: 'ready', data: { account: body.account, article: body.article } } : { status: 'unavailable' });
    })
    .catch(() => {
      if (loadedFor === pathname) publish({ status: 'unavailable' });
    });
}

/** Asks again (after signing in without leaving the page): resolves once the new state is published. */
export function reloadReaderState(): Promise<void> {
  const pathname = loadedFor ?? window.location.pathname;
  loadedFor = null;
  return load(pathname);
}

/** True when the reader is known to be signed out (not while loading or unavailable). */
export function isSignedOut(): boolean {
  return snapshot.status === 'ready' && snapshot.data.account === null;
}

/** Resolves once the reader's state is known (ready or unavailable): for a tap made before it arrived. */
export function whenReaderStateKnown(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => snapshot.status !== 'loading' && (listeners.delete(check), resolve());
    listeners.add(check);
    check();
  });
}

/** Applies what a mutation answered (a new count, my rating…) without asking again. */
export function updateReaderState(change: (data: ReaderState) => ReaderState) {
  if (snapshot.status === 'ready') publish({ status: 'ready', data: change(snapshot.data) });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The reader's state for the page being shown. */
export function useReaderState(): Snapshot {
  const pathname = usePathname() ?? '/';
  useEffect(() => void load(pathname), [pathname]);
  return useSyncExternalStore(
    subscribe,
    () => snapshot,
    () => LOADING,
  );
}

/** Sent on window when an action was refused until the reader accepts the changed 用户协议 or 隐私政策. */
export const CONSENT_NEEDED_EVENT = 'niaoge:consent-needed';

/**
 * Posts a form with fetch, asking for JSON, and reads the answer as endpoint
 * `endpoint` of lib/http/contract.ts declares it (the route is checked against the
 * same type). A signed-out reader is sent to sign in and back; a reader who must
 * first accept changed terms gets the consent prompt (CONSENT_NEEDED_EVENT), beside
 * the caller's own message; a network failure reads as `unavailable` with an empty
 * message (the caller shows its own words).
 */
export async function postForm<K extends MutationName>(endpoint: K, form: HTMLFormElement): Promise<MutationAnswer<K>> {
  try {
    const response = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: { accept: 'application/json' } });
    const body = (await response.json()) as MutationAnswer<K>;
    if (!body.ok && body.signInUrl) window.location.assign(body.signInUrl);
    if (!body.ok && body.code === 'terms_consent_required') window.dispatchEvent(new Event(CONSENT_NEEDED_EVENT));
    return body;
  } catch {
    return { ok: false, code: 'unavailable', message: '' };
  }
}

/** Posts named fields as a form to `action` (for buttons that are not inside a form of their own). */
export function postFields<K extends MutationName>(endpoint: K, action: string, fields: Record<string, string>) {
  const form = document.createElement('form');
  form.action = action;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input');
    input.name = name;
    input.value = value;
    form.append(input);
  }
  return postForm(endpoint, form);
}
