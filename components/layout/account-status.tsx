'use client';

import { usePathname } from 'next/navigation';
import { useReaderState } from '@/components/reader/reader-state';

export type AccountStatusLabels = {
  signIn: string;
  signOut: string;
  signedInAs: string;
  /** 我的: the reader's own page. */
  me: string;
  unavailable: string;
  balance: string;
  /** '通知 {n}': shown while the reader has unseen notifications. */
  notifications: string;
};

/**
 * 登录, or the signed-in reader's menu (我的, 羽毛, 退出) in a <details>, which opens
 * without JavaScript. Filled in from the page's one reader-state request, so every
 * page stays the same cacheable bytes for all readers.
 */
export function AccountStatus({ locale, prefix, labels }: { locale: string; prefix: string; labels: AccountStatusLabels }) {
  const state = useReaderState();
  const pathname = usePathname() ?? '/';
  const account = state.status === 'ready' ? state.data.account : null;

  if (account) {
    return (
      <div className="account-status">
        {account.unseenNotifications > 0 && (
          <a href={`${prefix}/me#notifications`} className="notification-count">
            {labels.notifications.replace('{n}', String(account.unseenNotifications))}
          </a>
        )}
        <details className="account-menu">
          <summary>
            <span className="avatar" aria-hidden="true">
              {Array.from(account.username)[0]?.toUpperCase()}
            </span>
            <span className="visually-hidden">{labels.signedInAs.replace('{name}', account.username)}</span>
          </summary>
          <div className="account-menu-items">
            <a href={`${prefix}/me`}>{labels.me}</a>
            <a href={`${prefix}/me#feathers`} className="balance">
              {labels.balance.replace('{n}', String(account.feathers))}
            </a>
            <form method="post" action="/api/auth/sign-out">
              <input type="hidden" name="locale" value={locale} />
              <input type="hidden" name="next" value={pathname} />
              <button type="submit" className="link-button">
                {labels.signOut}
              </button>
            </form>
          </div>
        </details>
      </div>
    );
  }
  return (
    <div className="account-status">
      {state.status === 'unavailable' && <span className="notice">{labels.unavailable}</span>}
      <a href={`${prefix}/sign-in?next=${encodeURIComponent(pathname)}`}>{labels.signIn}</a>
    </div>
  );
}
