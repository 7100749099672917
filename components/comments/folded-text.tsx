'use client';

import { useId, useLayoutEffect, useRef, useState } from 'react';
import { CommentText } from './comment-text';

/**
 * A comment folded after a few lines (CSS line-clamp), with 展开 only when the
 * text is longer than the fold: a long comment no longer pushes the rest of the
 * list a screen down.
 */
export function FoldedText({ body, expand, collapse }: { body: string; expand: string; collapse: string }) {
  const box = useRef<HTMLDivElement>(null);
  const id = useId();
  const [long, setLong] = useState(false);
  const [open, setOpen] = useState(false);
  useLayoutEffect(() => {
    const el = box.current?.firstElementChild;
    if (el) setLong(el.scrollHeight > el.clientHeight + 1);
  }, [body]);
  return (
    <>
      <div ref={box} id={id} className={open ? 'comment-fold' : 'comment-fold folded'}>
        <CommentText body={body} />
      </div>
      {(long || open) && (
        <button type="button" className="link-button fold-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
          {open ? collapse : expand}
        </button>
      )}
    </>
  );
}
