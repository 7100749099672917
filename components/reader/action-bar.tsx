'use client';

import { useEffect, useState, type MouseEvent } from 'react';
import { useReaderState } from './reader-state';
import { useFavourite } from './use-favourite';

export type ActionBarLabels = {
  label: string;
  favourite: string;
  comments: string;
  share: string;
  feathers: string;
  failed: string;
};

type Props = { slug: string; locale: string; next: string; feathersHref: string; labels: ActionBarLabels };

const ICONS = {
  star: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z',
  comment: 'M4 5h16v11H9l-5 4z',
  share: 'M14 4l6 6-6 6v-4c-5 0-8 2-10 6 1-6 4-9 10-10z',
  feather: 'M20 4C12 4 6 9 5 17l-1 3 2-1c1-2 3-4 6-5l-3 1c2-4 6-7 11-11z',
};

function Icon({ path, filled }: { path: string; filled?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path d={path} fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
    </svg>
  );
}

/** Opens the share panel (a <details id="share">) and brings it into view. */
function openShare(event: MouseEvent<HTMLAnchorElement>) {
  const panel = document.getElementById('share');
  if (!(panel instanceof HTMLDetailsElement)) return; // the plain #share jump
  event.preventDefault();
  panel.open = true;
  panel.scrollIntoView({ block: 'start' });
  panel.querySelector('summary')?.focus({ preventScroll: true });
}

/**
 * The article's actions at hand: 收藏 with its count, 评论 with its count, 分享 and
 * the reader's feathers. Fixed at the bottom of a phone screen (hidden while the
 * reader scrolls down, back when they scroll up), beside the text on a wide one.
 * All of it is in the page's HTML (links and a plain form work without JavaScript);
 * the counts and the reader's state fill in from the one reader-state request.
 */
export function ActionBar({ slug, locale, next, feathersHref, labels }: Props) {
  const state = useReaderState();
  const { favourite, pending, error, submit } = useFavourite(slug, labels.failed, { locale, next });
  const article = state.status === 'ready' && state.data.article?.slug === slug ? state.data.article : null;
  const account = state.status === 'ready' ? state.data.account : null;
  const favourited = favourite?.favourited ?? false;
  const [tucked, setTucked] = useState(false);

  useEffect(() => {
    let last = window.scrollY;
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const y = window.scrollY;
        // A few pixels of jitter (momentum, the address bar resizing) change nothing.
        if (Math.abs(y - last) < 8) return;
        setTucked(y > last && y > 120);
        last = y;
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);

  return (
    <aside className="action-bar" aria-label={labels.label} data-tucked={tucked ? 'true' : undefined}>
      <form method="post" action={`/api/articles/${slug}/favourite`} onSubmit={submit}>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="next" value={next} />
        <input type="hidden" name="intent" value={favourited ? 'remove' : 'add'} />
        <button type="submit" className="action" aria-pressed={favourited} aria-busy={pending}>
          <Icon path={ICONS.star} filled={favourited} />
          <span className="action-label">{labels.favourite}</span> <span className="action-count">{favourite ? favourite.count : ''}</span>
        </button>
      </form>
      <a className="action" href="#comments">
        <Icon path={ICONS.comment} />
        <span className="action-label">{labels.comments}</span> <span className="action-count">{article ? article.comments : ''}</span>
      </a>
      <a className="action" href="#share" onClick={openShare}>
        <Icon path={ICONS.share} />
        <span className="action-label">{labels.share}</span>
      </a>
      <a className="action" href={feathersHref}>
        <Icon path={ICONS.feather} />
        <span className="action-label">{labels.feathers}</span> <span className="action-count">{account ? account.feathers : ''}</span>
      </a>
      {error && (
        <p role="alert" className="action-error">
          {error}
        </p>
      )}
    </aside>
  );
}
