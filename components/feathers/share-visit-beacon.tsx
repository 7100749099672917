'use client';

import { useEffect } from 'react';
import { REFERRAL_CODE } from '@/lib/feathers/referral-code';

/**
 * When the article was opened through a share link (?ref=<code>), tells the server
 * once, which pays the sharer for a distinct reader and remembers the referral for
 * a sign-up; then drops the code from the address bar so it is not passed on.
 */
export function ShareVisitBeacon({ slug }: { slug: string }) {
  useEffect(() => {
    const url = new URL(window.location.href);
    const ref = url.searchParams.get('ref');
    if (!ref || !REFERRAL_CODE.test(ref)) return;
    const body = new FormData();
    body.set('article', slug);
    body.set('ref', ref);
    fetch('/api/share-visits', { method: 'POST', body, headers: { accept: 'application/json' } }).catch(() => {});
    url.searchParams.delete('ref');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }, [slug]);
  return null;
}
