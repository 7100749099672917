'use client';

import { useEffect, useRef, useState } from 'react';
import { postForm, updateReaderState } from '@/components/reader/reader-state';

/**
 * 全部标为已读: a plain form (without JavaScript the reader presses it), which with
 * JavaScript posts itself once the list has been shown, so opening /me is reading
 * one's notifications. The GET of /me itself never writes.
 */
export function MarkSeenForm({ upTo, locale, next, labels }: { upTo: number; locale: string; next: string; labels: { markAllSeen: string; allSeen: string } }) {
  const form = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!form.current) return;
    let live = true;
    void postForm('notificationsSeen', form.current).then((answer) => {
      if (!answer.ok || !live) return;
      setDone(true);
      updateReaderState((d) => (d.account ? { ...d, account: { ...d.account, unseenNotifications: answer.unseen } } : d));
    });
    return () => {
      live = false;
    };
  }, []);
  if (done) {
    return (
      <p role="status" className="hint">
        {labels.allSeen}
      </p>
    );
  }
  return (
    <form ref={form} method="post" action="/api/notifications/seen" className="inline-form">
      <input type="hidden" name="upTo" value={upTo} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="next" value={next} />
      <button type="submit" className="link-button">
        {labels.markAllSeen}
      </button>
    </form>
  );
}
