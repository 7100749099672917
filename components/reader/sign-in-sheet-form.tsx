'use client';

import { useId, useState, type FormEvent } from 'react';
import { ModalDialog } from '@/components/feathers/confirm-dialog';
import type { MutationAnswer } from '@/lib/http/contract';
import { reloadReaderState } from './reader-state';
import { dismissSignIn, type SignInRequest } from './sign-in-gate';
import type { SignInSheetLabels } from './sign-in-sheet';

type FieldErrors = { username?: string; password?: string; form?: string };

/** Which field a refusal is about, so its message sits beside that field. */
function fieldOf(code: string): keyof FieldErrors {
  if (code.startsWith('username_')) return 'username';
  if (code.startsWith('password_') || code === 'invalid_credentials') return 'password';
  return 'form';
}

/** The sheet itself, loaded the first time a reader is asked to sign in (sign-in-sheet.tsx). */
export default function SignInSheetForm({
  request,
  locale,
  path,
  signUpHref,
  labels,
}: {
  request: SignInRequest;
  locale: string;
  path: string;
  signUpHref: string;
  labels: SignInSheetLabels;
}) {
  const titleId = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const next = `${path}#${request.anchor}`;

  const close = () => {
    setErrors({});
    dismissSignIn();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setErrors({});
    let answer: MutationAnswer<'signIn'>;
    try {
      const response = await fetch('/api/auth/sign-in', { method: 'POST', body: new FormData(event.currentTarget), headers: { accept: 'application/json' } });
      answer = (await response.json()) as MutationAnswer<'signIn'>;
    } catch {
      answer = { ok: false, code: 'unavailable', message: '' };
    }
    if (!answer.ok) {
      setPending(false);
      setErrors({ [fieldOf(answer.code)]: answer.message || labels.failed });
      return;
    }
    await reloadReaderState();
    setPending(false);
    dismissSignIn();
    request.resume?.();
  };

  const error = (field: 'username' | 'password') => errors[field] && `sheet-${field}-error`;
  return (
    <ModalDialog open onClose={close} labelledBy={titleId}>
      <form method="post" action="/api/auth/sign-in" className="auth-form sign-in-sheet" onSubmit={submit}>
        <h2 id={titleId} className="modal-title">
          {labels.title}
        </h2>
        <p className="sheet-reason">{labels.reasons[request.reason]}</p>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="next" value={next} />
        <label>
          <span>{labels.username}</span>
          <input
            name="username"
            autoComplete="username"
            required
            autoFocus
            aria-invalid={errors.username ? true : undefined}
            aria-describedby={error('username') || undefined}
          />
        </label>
        {errors.username && (
          <p id="sheet-username-error" role="alert" className="form-error">
            {errors.username}
          </p>
        )}
        <label>
          <span>{labels.password}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={error('password') || undefined}
          />
        </label>
        {errors.password && (
          <p id="sheet-password-error" role="alert" className="form-error">
            {errors.password}
          </p>
        )}
        <p role="alert" className="form-error">
          {errors.form ?? ''}
        </p>
        <div className="modal-actions">
          <button type="button" className="button button-secondary" onClick={close}>
            {labels.cancel}
          </button>
          <button type="submit" className="button" aria-busy={pending}>
            {labels.submit}
          </button>
        </div>
        <p className="hint">
          {labels.noAccount} <a href={`${signUpHref}?next=${encodeURIComponent(next)}`}>{labels.signUp}</a>
        </p>
      </form>
    </ModalDialog>
  );
}
