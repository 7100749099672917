'use client';

import { useReaderState } from '@/components/reader/reader-state';

/**
 * The share panel's title says what sharing does for this reader: 「分享」 while
 * signed out (and in the HTML, the same for everyone), 「分享给朋友，得羽毛」 once the
 * reader is known to be signed in, whose link pays them.
 */
export function ShareTitle({ signedOut, signedIn }: { signedOut: string; signedIn: string }) {
  const reader = useReaderState();
  return <>{reader.status === 'ready' && reader.data.account ? signedIn : signedOut}</>;
}
