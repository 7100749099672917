'use client';

import { useRef, useState, type FormEvent } from 'react';
import { postFields, postForm, updateReaderState, useReaderState } from './reader-state';
import { askToSignIn } from './sign-in-gate';

/**
 * This reader's 收藏 of an article and the form handler that toggles it in place.
 * Every 收藏 control on the page (under the article, in the action bar) shares the
 * reader-state store, so they agree after any of them is used.
 */
export function useFavourite(slug: string, failed: string, fields: { locale: string; next: string }) {
  const state = useReaderState();
  const [pending, setPending] = useState(false);
  const lastSubmit = useRef(0);
  const [error, setError] = useState('');
  const article = state.status === 'ready' && state.data.article?.slug === slug ? state.data.article : null;

  const action = `/api/articles/${slug}/favourite`;
  const send = async (request: ReturnType<typeof postForm<'favourite'>>) => {
    setPending(true);
    setError('');
    const result = await request;
    setPending(false);
    if (result.ok) updateReaderState((d) => (d.article ? { ...d, article: { ...d.article, favourite: result.favourite } } : d));
    else if (result.code !== 'sign_in_required') setError(result.message || failed);
  };
  // Signed out: sign in over the page, then the favourite is added by itself.
  const addAfterSignIn = () => void send(postFields('favourite', action, { ...fields, intent: 'add' }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // A double click is one favourite: while a request is out, and for a moment after
    // it (the second click of a double click can land after a fast answer), more
    // clicks are ignored rather than taken as "remove".
    const now = Date.now();
    if (pending || now - lastSubmit.current < 700) return;
    lastSubmit.current = now;
    if (askToSignIn({ reason: 'favourite', anchor: 'reader-actions', resume: addAfterSignIn })) return;
    await send(postForm('favourite', event.currentTarget));
  };

  return { favourite: article?.favourite ?? null, pending, error, submit };
}
