'use client';

import { useFavourite } from './use-favourite';

export type FavouriteLabels = { favourite: string; count: string; failed: string };

/**
 * 收藏: a plain form (adds without JavaScript; /me lists and removes), which with
 * JavaScript shows this reader's state and the count and updates in place.
 */
export function FavouriteToggle({ slug, locale, next, labels }: { slug: string; locale: string; next: string; labels: FavouriteLabels }) {
  const { favourite, pending, error, submit } = useFavourite(slug, labels.failed, { locale, next });
  const favourited = favourite?.favourited ?? false;

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
        {favourite ? labels.count.replace('{count}', String(favourite.count)) : ''}
      </span>
      {error && (
        <span role="alert" className="form-error">
          {error}
        </span>
      )}
    </form>
  );
}
