'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CONSENT_NEEDED_EVENT, postForm, updateReaderState, useReaderState } from '@/components/reader/reader-state';
import type { ConsentDocument } from '@/lib/http/contract';

export type ConsentPromptLabels = { title: string; text: string; accept: string; later: string; terms: string; privacy: string; failed: string };

/**
 * Asks a signed-in reader to accept the user agreement or privacy policy again when
 * its version changed (reader-state's consentNeeded). The 社区公约 is asked for at
 * the comment form instead. A plain form: it posts without JavaScript too. An
 * action refused with `terms_consent_required` (postForm's CONSENT_NEEDED_EVENT)
 * shows it again, even after 稍后, or when the versions changed after this page's
 * reader state was read (then both documents are offered; the server records only
 * the outdated ones).
 */
export function ConsentPrompt({ locale, prefix, labels }: { locale: string; prefix: string; labels: ConsentPromptLabels }) {
  const reader = useReaderState();
  const [dismissed, setDismissed] = useState(false);
  const [asked, setAsked] = useState(false);
  const [error, setError] = useState('');
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    const ask = () => {
      setDismissed(false);
      setAsked(true);
    };
    window.addEventListener(CONSENT_NEEDED_EVENT, ask);
    return () => window.removeEventListener(CONSENT_NEEDED_EVENT, ask);
  }, []);
  const known = reader.status === 'ready' ? (reader.data.account?.consentNeeded ?? []).filter((d) => d !== 'rules') : [];
  const needed: ConsentDocument[] = known.length === 0 && asked ? ['terms', 'privacy'] : known;
  const shown = !dismissed && needed.length > 0;
  useEffect(() => {
    if (shown && asked) section.current?.focus();
  }, [shown, asked]);
  if (!shown) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await postForm('acceptConsent', event.currentTarget);
    if (!result.ok) {
      setError(result.message || labels.failed);
      return;
    }
    const accepted = result.accepted;
    setAsked(false);
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
