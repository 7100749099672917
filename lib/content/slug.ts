/**
 * Stable ids for headings and rules categories: what `#一什么是运营电商运营` and
 * `/rules#spam` point at.
 *
 * An id is lowercase letters (any script: CJK is kept), digits, marks, `_` and `-`,
 * and starts with a letter or a digit. The HTML carries it unprefixed (rehype-sanitize
 * would otherwise write `user-content-…` and break the link), so the pattern is also
 * what keeps it clobber-safe: it can never be one of the `_`/`$`-prefixed or camel-cased
 * globals the page's scripts read (`__next_f`, `webpackChunk_N_E`), and the sanitiser
 * refuses any other id value (see `SANITIZE_SCHEMA` in localize.ts).
 */
export const ID_PATTERN = /^[\p{Ll}\p{Lm}\p{Lo}\p{N}][\p{Ll}\p{Lm}\p{Lo}\p{M}\p{N}_-]*$/u;

/** Characters a slug keeps; everything else (punctuation, symbols, uppercase-only letters) is dropped. */
const DROP = /[^\p{Ll}\p{Lm}\p{Lo}\p{M}\p{N}_\- ]/gu;

/**
 * Ids the page chrome around an article or the rules already uses: a heading
 * called "Comments" gets `comments-1`, never a second `comments`.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set([
  'main',
  'article-title',
  'about-author',
  'reader-actions',
  'gift-aside-title',
  'rules-dialog-title',
  'comments',
  'comments-title',
]);

/** GitHub-style slug of a heading's text, CJK-safe: 一、什么是运营、电商运营 → 一什么是运营电商运营. */
export function slugify(text: string): string {
  const slug = text.toLowerCase().replace(DROP, '').trim().replace(/ /g, '-').replace(/^[-_]+/, '');
  return slug === '' ? 'section' : slug;
}

/** Hands out unique ids within one document: explicit ones first, then slugs with -1, -2… on a clash. */
export class Slugger {
  private readonly taken = new Set<string>(RESERVED_IDS);

  /** Claims an explicit id; false when it is already taken. */
  claim(id: string): boolean {
    if (this.taken.has(id)) return false;
    this.taken.add(id);
    return true;
  }

  /** A unique id for a heading's text. */
  slug(text: string): string {
    const base = slugify(text);
    let id = base;
    for (let n = 1; this.taken.has(id); n++) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }
}

/** `{#id}` as an editor writes it after a heading, a rules category's name or the closing line. */
export const ID_MARKER = /[ \t]*\{#([^{}]*)\}/u;
