'use client';

import { useState, type FormEvent } from 'react';
import { postForm, updateReaderState, useReaderState } from '@/components/reader/reader-state';

export type ConsentPromptLabels = { title: string; text: string; accept: string; later: string; terms: string; privacy: string; failed: string };

/**
 * Asks a signed-in reader to accept the user agreement or privacy policy again when
 * its version changed (reader-state's consentNeeded). The 社区公约 is asked for at
 * the comment form instead. A plain form: it posts without JavaScript too.
 */
export function ConsentPrompt({ locale, prefix, labels }: { locale: string; prefix: string; labels: ConsentPromptLabels }) {
  const reader = useReaderState();
  const [dismissed, setDismissed] = useState(false);
  const [error, setError] = useState('');
  const needed = reader.status === 'ready' ? (reader.data.account?.consentNeeded ?? []).filter((d) => d !== 'rules') : [];
  if (dismissed || needed.length === 0) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await postForm('acceptConsent', event.currentTarget);
    if (!result.ok) {
      setError(result.message || labels.failed);
      return;
    }
    const accepted = result.accepted;
    updateReaderState((d) =>
      d.account ? { ...d, account: { ...d.account, consentNeeded: d.account.consentNeeded.filter((c) => !accepted.includes(c)) } } : d,
    );
  };

  return (
    <section className="consent-prompt" role="dialog" aria-labelledby="consent-title">
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
        <button type="button" className="link-button" onClick={() => setDismissed(true)}>
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
