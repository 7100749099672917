'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { postForm, updateReaderState } from '@/components/reader/reader-state';
import type { ConsentDocument } from '@/lib/http/contract';
import type { ConsentPromptLabels } from './consent-prompt';

/** The prompt itself (consent-prompt.tsx decides when it is shown). */
export default function ConsentPromptForm({
  locale,
  prefix,
  labels,
  needed,
  focus,
  onAccepted,
  onLater,
}: {
  locale: string;
  prefix: string;
  labels: ConsentPromptLabels;
  needed: ConsentDocument[];
  /** Asked for by a refused action: take the focus, so the reader sees why. */
  focus: boolean;
  onAccepted: () => void;
  onLater: () => void;
}) {
  const [error, setError] = useState('');
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focus) section.current?.focus();
  }, [focus]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await postForm('acceptConsent', event.currentTarget);
    if (!result.ok) {
      setError(result.message || labels.failed);
      return;
    }
    const accepted = result.accepted;
    onAccepted();
    updateReaderState((d) =>
      d.account ? { ...d, account: { ...d.account, consentNeeded: d.account.consentNeeded.filter((c) => !accepted.includes(c)) } } : d,
    );
  };

  return (
    <section className="consent-prompt" role="dialog" aria-labelledby="consent-title" tabIndex={-1} ref={section}>
      <h2 id="consent-title">{labels.title}</h2>
      <p>{labels.text}</p>
      <ul>
        {needed.map((d) => (
          <li key={d}>
            <a href={`${prefix}/${d}`}>{d === 'terms' ? labels.terms : labels.privacy}</a>
          </li>
        ))}
      </ul>
      <form method="post" action="/api/me/consent" onSubmit={submit}>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="accept" value="on" />
        {needed.map((d) => (
          <input key={d} type="hidden" name="documents" value={d} />
        ))}
        <button type="submit" className="button">
          {labels.accept}
        </button>{' '}
        <button type="button" className="link-button" onClick={onLater}>
          {labels.later}
        </button>
      </form>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}
