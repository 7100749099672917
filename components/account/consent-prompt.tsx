'use client';

import { lazy, Suspense, useEffect, useState } from 'react';
import { CONSENT_NEEDED_EVENT, useReaderState } from '@/components/reader/reader-state';
import type { ConsentDocument } from '@/lib/http/contract';

export type ConsentPromptLabels = { title: string; text: string; accept: string; later: string; terms: string; privacy: string; failed: string };

// Shown to few readers, rarely: its form loads when it is needed, not with every page.
const ConsentPromptForm = lazy(() => import('./consent-prompt-form'));

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
  if (dismissed || needed.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <ConsentPromptForm
        locale={locale}
        prefix={prefix}
        labels={labels}
        needed={needed}
        focus={asked}
        onAccepted={() => setAsked(false)}
        onLater={() => setDismissed(true)}
      />
    </Suspense>
  );
}
