'use client';

import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { postFields, updateReaderState, useReaderState } from './reader-state';
import { askToSignIn } from './sign-in-gate';
import { MeanStars, Star } from './star-icons';

export type RatingLabels = {
  legend: string;
  star: string;
  submit: string;
  overall: string;
  overallNone: string;
  mine: string;
  mineNone: string;
  failed: string;
};

const noChange = () => () => {};
/** How long the keyboard may rest on a star before it counts as the choice. */
const KEYBOARD_PAUSE_MS = 800;

/**
 * 评分: five native radio buttons in a fieldset and a submit button, so it works
 * without JavaScript. With it, a tap on a star saves at once (arrow keys save once
 * they rest on a star), the submit button goes, and 综合评分 and 已评 n 星 arrive
 * from the reader-state request and update in place. Stars are outlines until the
 * reader has rated, then filled in the accent colour.
 */
export function RatingControl({ slug, locale, next, labels }: { slug: string; locale: string; next: string; labels: RatingLabels }) {
  const state = useReaderState();
  const article = state.status === 'ready' && state.data.article?.slug === slug ? state.data.article : null;
  const rating = article?.rating ?? null;
  const [selected, setSelected] = useState<number | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState('');
  const scripted = useSyncExternalStore(
    noChange,
    () => true,
    () => false,
  );
  const clipId = useId();
  const pointer = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const action = `/api/articles/${slug}/rating`;

  // Once the reader's own rating is known, the radios start from it, unless the
  // reader has already picked a star while it was loading.
  const mine = rating?.mine ?? null;
  const touched = useRef(false);
  useEffect(() => {
    if (!touched.current) setSelected(mine);
  }, [mine]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const save = async (stars: number) => {
    setPending(true);
    setError('');
    const result = await postFields('rating', action, { locale, next, stars: String(stars) });
    setPending(false);
    if (result.ok) updateReaderState((d) => (d.article ? { ...d, article: { ...d.article, rating: result.rating } } : d));
    else if (result.code !== 'sign_in_required') setError(result.message || labels.failed);
  };

  const choose = (n: number) => {
    touched.current = true;
    setSelected(n);
    clearTimeout(timer.current);
    // Signed out: sign in over the page, and the chosen stars are saved after.
    const signingIn = askToSignIn({ reason: 'rating', anchor: 'reader-actions', resume: () => void save(n) });
    if (!signingIn && pointer.current) void save(n);
    else if (!signingIn) timer.current = setTimeout(() => void save(n), KEYBOARD_PAUSE_MS);
    pointer.current = false;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clearTimeout(timer.current);
    if (selected === null || pending) return;
    const stars = selected;
    if (!askToSignIn({ reason: 'rating', anchor: 'reader-actions', resume: () => void save(stars) })) void save(stars);
  };

  const saved = rating?.mine ?? null;
  return (
    <form method="post" action={action} className="rating" data-scripted={scripted ? 'true' : undefined} onSubmit={submit}>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="next" value={next} />
      <p className="rating-summary" aria-live="polite">
        {rating && rating.mean !== null && <MeanStars mean={rating.mean} clipId={clipId} />}
        {rating &&
          (rating.mean === null ? labels.overallNone : labels.overall.replace('{mean}', rating.mean.toFixed(1)).replace('{count}', String(rating.count)))}
      </p>
      <fieldset>
        <legend>{labels.legend}</legend>
        <div className="stars" onPointerDown={() => (pointer.current = true)}>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={selected !== null && n <= selected ? 'star on' : 'star'}>
              <input type="radio" name="stars" value={n} required checked={selected === n} onChange={() => choose(n)} />
              <Star filled={selected !== null && n <= selected} />
              <span className="visually-hidden">{labels.star.replace('{n}', String(n))}</span>
            </label>
          ))}
        </div>
        <button type="submit" className="button button-secondary rating-submit" aria-busy={pending}>
          {labels.submit}
        </button>
      </fieldset>
      <p className="rating-mine" role="status">
        {rating && !pending && (saved === null ? labels.mineNone : labels.mine.replace('{n}', String(saved)))}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </form>
  );
}
