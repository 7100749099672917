'use client';

import { useEffect, useSyncExternalStore } from 'react';

/** The browser does not change while the page is open: nothing to subscribe to. */
const neverChanges = () => () => {};

/** True inside WeChat's in-app browser; false on the server and in the first render, so the HTML is the same for everyone. */
export function useInWeChat(): boolean {
  return useSyncExternalStore(
    neverChanges,
    () => /MicroMessenger/i.test(navigator.userAgent),
    () => false,
  );
}

/**
 * Inside WeChat, puts a signed-in reader's own share link (`?ref=<their code>`) in the
 * address bar: WeChat's 「···」 shares the address as it is, so the referral travels
 * with it. Only the address changes: nothing is reported (the share-visit beacon,
 * which never reports a reader's own code, is the one place that does). Outside
 * WeChat, or signed out, the address is left alone.
 */
export function useWeChatShareAddress(code: string | undefined) {
  const inWeChat = useInWeChat();
  useEffect(() => {
    if (!inWeChat || !code) return;
    const url = new URL(window.location.href);
    if (url.searchParams.get('ref') === code) return;
    url.searchParams.set('ref', code);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }, [inWeChat, code]);
}
