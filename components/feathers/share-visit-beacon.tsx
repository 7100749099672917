'use client';

import { useEffect, useRef } from 'react';
import { useReaderState } from '@/components/reader/reader-state';
import { REFERRAL_CODE } from '@/lib/feathers/referral-code';

/**
 * When the article was opened through a share link (?ref=<code>), tells the server
 * once, which pays the sharer for a distinct reader and remembers the referral for
 * a sign-up; the code leaves the address bar at once so it is not passed on. The one
 * place that reports a visit: it waits for the reader's state and never reports the
 * reader's own code (their own link, reopened or put in the address bar inside
 * WeChat, would pay themselves; the server refuses it as well).
 */
export function ShareVisitBeacon({ slug }: { slug: string }) {
  const reader = useReaderState();
  const pending = useRef<string | null>(null);

  useEffect(() => {
    const url = new URL(window.location.href);
    const ref = url.searchParams.get('ref');
    if (!ref || !REFERRAL_CODE.test(ref)) return;
    pending.current = ref;
    url.searchParams.delete('ref');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }, [slug]);

  const own = reader.status === 'ready' ? (reader.data.account?.referralCode ?? null) : undefined;
  useEffect(() => {
    const ref = pending.current;
    // Until the state is known, whose code it is is not; with the database down, the server decides.
    if (!ref || reader.status === 'loading') return;
    pending.current = null;
    if (ref === own) return;
    const body = new FormData();
    body.set('article', slug);
    body.set('ref', ref);
    // keepalive: a reader who follows a link away at once still counts.
    fetch('/api/share-visits', { method: 'POST', body, headers: { accept: 'application/json' }, keepalive: true }).catch(() => {});
  }, [slug, reader.status, own]);
  return null;
}
