'use client';

import { useRef, useState, type FormEvent } from 'react';
import { postForm, updateReaderState, useReaderState } from './reader-state';

export type FavouriteLabels = { favourite: string; count: string; failed: string };

/**
 * 收藏: a plain form (adds without JavaScript; /me lists and removes), which with
 * JavaScript shows this reader's state and the count and updates in place.
 */
export function FavouriteToggle({ slug, locale, next, labels }: { slug: string; locale: string; next: string; labels: FavouriteLabels }) {
  const state = useReaderState();
  const [pending, setPending] = useState(false);
  const lastSubmit = useRef(0);
  const [error, setError] = useState('');
  const article = state.status === 'ready' && state.data.article?.slug === slug ? state.data.article : null;
  const favourited = article?.favourite.favourited ?? false;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // A double click is one favourite: while a request is out, and for a moment after
    // it (the second click of a double click can land after a fast answer), more
    // clicks are ignored rather than taken as "remove".
    const now = Date.now();
    if (pending || now - lastSubmit.current < 700) return;
    lastSubmit.current = now;
    setPending(true);
    setError('');
    const result = await postForm('favourite', event.currentTarget);
    setPending(false);
    if (result.ok) updateReaderState((d) => (d.article ? { ...d, article: { ...d.article, favourite: result.favourite } } : d));
    else setError(result.message || labels.failed);
  };

  return (
    <form method="post" action={`/api/articles/${slug}/favourite`} className="favourite" onSubmit={submit}>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="next" value={next} />
      <input type="hidden" name="intent" value={favourited ? 'remove' : 'add'} />
      <button type="submit" className="button button-secondary" aria-pressed={favourited} aria-busy={pending}>
        <span aria-hidden="true">{favourited ? '★ ' : '☆ '}</span>
        {labels.favourite}
      </button>
      <span className="favourite-count" aria-live="polite">
        {article ? labels.count.replace('{count}', String(article.favourite.count)) : ''}
      </span>
      {error && (
        <span role="alert" className="form-error">
          {error}
        </span>
      )}
    </form>
  );
}
