'use client';

import { useEffect, useState } from 'react';
import type { ResetTokenAnswer } from '@/lib/http/contract';

export type ResetLabels = {
  password: string;
  hint: string;
  submit: string;
  checking: string;
  noLink: string;
  unavailable: string;
  reset_invalid: string;
  reset_used: string;
  reset_expired: string;
};

type State = { kind: 'checking' } | { kind: 'valid'; token: string } | { kind: 'refused'; text: string };

/**
 * The reset form: reads the token from the address (the page stays static and the
 * same for everyone), asks whether it can still be used, and posts it with the new
 * password. Without JavaScript the page's <noscript> form takes the code by hand.
 */
export function ResetPasswordForm({ locale, labels }: { locale: string; labels: ResetLabels }) {
  const [state, setState] = useState<State>({ kind: 'checking' });
  useEffect(() => {
    const token = new URLSearchParams(window.location.search).get('token');
    const checked: Promise<State> = token
      ? fetch(`/api/auth/reset-password?token=${encodeURIComponent(token)}`, { headers: { accept: 'application/json' }, cache: 'no-store' })
          .then((r) => r.json() as Promise<ResetTokenAnswer>)
          .then((a): State => {
            if (!a.ok) return { kind: 'refused', text: labels.unavailable };
            return a.state === 'valid' ? { kind: 'valid', token } : { kind: 'refused', text: labels[a.state] };
          })
          .catch((): State => ({ kind: 'refused', text: labels.unavailable }))
      : Promise.resolve({ kind: 'refused', text: labels.noLink });
    void checked.then(setState);
  }, [labels]);

  if (state.kind === 'checking') return <p role="status">{labels.checking}</p>;
  if (state.kind === 'refused')
    return (
      <p role="alert" className="form-error">
        {state.text}
      </p>
    );
  return (
    <form method="post" action="/api/auth/reset-password" className="auth-form">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={state.token} />
      <label>
        <span>{labels.password}</span>
        <input name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} aria-describedby="reset-hint" />
      </label>
      <p id="reset-hint" className="hint">
        {labels.hint}
      </p>
      <button type="submit" className="button">
        {labels.submit}
      </button>
    </form>
  );
}
