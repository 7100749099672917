'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

export type AccountStatusLabels = { signIn: string; signUp: string; signOut: string; signedInAs: string; unavailable: string };

type State = { kind: 'unknown' } | { kind: 'signed-out' } | { kind: 'signed-in'; username: string } | { kind: 'unavailable' };

/**
 * Who is signed in, asked for after the page has loaded (GET /api/reader-state),
 * so every page stays the same cacheable bytes for all readers. Without JavaScript
 * the sign-in and sign-up links are there from the server.
 */
export function AccountStatus({ locale, prefix, labels }: { locale: string; prefix: string; labels: AccountStatusLabels }) {
  const [state, setState] = useState<State>({ kind: 'unknown' });
  const pathname = usePathname() ?? '/';

  useEffect(() => {
    let live = true;
    fetch('/api/reader-state', { headers: { accept: 'application/json' }, cache: 'no-store' })
      .then((r) => r.json() as Promise<{ available: boolean; account: { username: string } | null }>)
      .then((body) => {
        if (!live) return;
        if (!body.available) setState({ kind: 'unavailable' });
        else setState(body.account ? { kind: 'signed-in', username: body.account.username } : { kind: 'signed-out' });
      })
      .catch(() => live && setState({ kind: 'unavailable' }));
    return () => {
      live = false;
    };
  }, []);

  const next = encodeURIComponent(pathname);
  if (state.kind === 'signed-in') {
    return (
      <form method="post" action="/api/auth/sign-out" className="account-status">
        <span>{labels.signedInAs.replace('{name}', state.username)}</span>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="next" value={pathname} />
        <button type="submit" className="link-button">
          {labels.signOut}
        </button>
      </form>
    );
  }
  return (
    <div className="account-status">
      {state.kind === 'unavailable' && <span className="notice">{labels.unavailable}</span>}
      <a href={`${prefix}/sign-in?next=${next}`}>{labels.signIn}</a>
      <a href={`${prefix}/sign-up?next=${next}`}>{labels.signUp}</a>
    </div>
  );
}
