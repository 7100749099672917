'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { postForm, updateReaderState, useReaderState } from './reader-state';

export type RatingLabels = {
  legend: string;
  star: string;
  submit: string;
  overall: string;
  overallNone: string;
  mine: string;
  mineNone: string;
  saved: string;
  failed: string;
};

/**
 * 评分: five native radio buttons in a fieldset (arrow keys move between them) and a
 * submit button, so it works without JavaScript; with it, 综合评分 and 我的评分
 * arrive from the reader-state request and update in place.
 */
export function RatingControl({ slug, locale, next, labels }: { slug: string; locale: string; next: string; labels: RatingLabels }) {
  const state = useReaderState();
  const article = state.status === 'ready' && state.data.article?.slug === slug ? state.data.article : null;
  const rating = article?.rating ?? null;
  const [selected, setSelected] = useState<number | null>(null);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);

  // Once the reader's own rating is known, the radios start from it, unless the
  // reader has already picked a star while it was loading.
  const mine = rating?.mine ?? null;
  const touched = useRef(false);
  useEffect(() => {
    if (!touched.current) setSelected(mine);
  }, [mine]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setStatus(null);
    const result = await postForm('rating', event.currentTarget);
    setPending(false);
    if (result.ok) {
      updateReaderState((d) => (d.article ? { ...d, article: { ...d.article, rating: result.rating } } : d));
      setStatus({ kind: 'saved', text: labels.saved });
    } else setStatus({ kind: 'error', text: result.message || labels.failed });
  };

  return (
    <form method="post" action={`/api/articles/${slug}/rating`} className="rating" onSubmit={submit}>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="next" value={next} />
      <p className="rating-summary" aria-live="polite">
        {rating &&
          (rating.mean === null ? labels.overallNone : labels.overall.replace('{mean}', rating.mean.toFixed(1)).replace('{count}', String(rating.count)))}
      </p>
      <fieldset>
        <legend>{labels.legend}</legend>
        <div className="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={selected !== null && n <= selected ? 'star on' : 'star'}>
              <input
                type="radio"
                name="stars"
                value={n}
                required
                checked={selected === n}
                onChange={() => {
                  touched.current = true;
                  setSelected(n);
                }}
              />
              <span aria-hidden="true">★</span>
              <span className="visually-hidden">{labels.star.replace('{n}', String(n))}</span>
            </label>
          ))}
        </div>
        <button type="submit" className="button button-secondary" aria-busy={pending}>
          {labels.submit}
        </button>
      </fieldset>
      <p className="rating-mine">{rating && (rating.mine === null ? labels.mineNone : labels.mine.replace('{n}', String(rating.mine)))}</p>
      <p role="status" className={status?.kind === 'error' ? 'form-error' : 'hint'}>
        {status?.text ?? ''}
      </p>
    </form>
  );
}
