// No imports on purpose: comment text is rendered in the browser too, and this must
// not pull zod (about 30 KB) into the page's JavaScript.

// http(s) only: nothing else ever becomes a link, so no javascript: or data: URL can.
// A URL ends at whitespace, quotes, angle brackets or full-width punctuation.
const URL_PATTERN = /https?:\/\/[^\s<>"'`，。！？、；：“”‘’（）【】《》]+/g;

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; href: string };

/** Splits plain comment text into text and http(s) links, for rendering as text nodes and anchors. */
export function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    // A sentence's closing ASCII punctuation is not part of the URL.
    const href = match[0].replace(/[.,;:!?)\]]+$/, '');
    const start = match.index!;
    if (start > last) out.push({ kind: 'text', text: text.slice(last, start) });
    out.push({ kind: 'link', href });
    last = start + href.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}
