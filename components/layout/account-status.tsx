'use client';

import { usePathname } from 'next/navigation';
import { useReaderState } from '@/components/reader/reader-state';

export type AccountStatusLabels = {
  signIn: string;
  signUp: string;
  signOut: string;
  signedInAs: string;
  unavailable: string;
  balance: string;
  /** '通知 {n}': shown while the reader has unseen notifications. */
  notifications: string;
};

/**
 * Who is signed in, from the page's one reader-state request, so every page stays
 * the same cacheable bytes for all readers. Without JavaScript the sign-in and
 * sign-up links are there from the server.
 */
export function AccountStatus({ locale, prefix, labels }: { locale: string; prefix: string; labels: AccountStatusLabels }) {
  const state = useReaderState();
  const pathname = usePathname() ?? '/';
  const account = state.status === 'ready' ? state.data.account : null;

  if (account) {
    return (
      <form method="post" action="/api/auth/sign-out" className="account-status">
        <a href={`${prefix}/me`}>{labels.signedInAs.replace('{name}', account.username)}</a>
        <a href={`${prefix}/me#feathers`} className="balance">
          {labels.balance.replace('{n}', String(account.feathers))}
        </a>
        {account.unseenNotifications > 0 && (
          <a href={`${prefix}/me#notifications`} className="notification-count">
            {labels.notifications.replace('{n}', String(account.unseenNotifications))}
          </a>
        )}
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="next" value={pathname} />
        <button type="submit" className="link-button">
          {labels.signOut}
        </button>
      </form>
    );
  }
  const next = encodeURIComponent(pathname);
  return (
    <div className="account-status">
      {state.status === 'unavailable' && <span className="notice">{labels.unavailable}</span>}
      <a href={`${prefix}/sign-in?next=${next}`}>{labels.signIn}</a>
      <a href={`${prefix}/sign-up?next=${next}`}>{labels.signUp}</a>
    </div>
  );
}
