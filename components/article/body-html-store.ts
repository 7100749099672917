/**
 * Hands an article body's HTML from the server component that renders it (the RSC
 * module graph) to the SSR render of <ArticleBodyHtml> (the SSR graph). The two graphs
 * do not share module instances, only the process, hence a global. The string never
 * travels as a prop, so it is not repeated in the page's flight payload.
 * Keys are `<locale>/<slug>`: bounded by the published articles, overwritten on rebuilds.
 */
const STORE = Symbol.for('niaoge.articleBodyHtml');

type Holder = { [STORE]?: Map<string, string> };

function store(): Map<string, string> {
  const holder = globalThis as Holder;
  holder[STORE] ??= new Map();
  return holder[STORE];
}

/** Records the sanitised body HTML the SSR render of `key` will emit. */
export function shareBodyHtml(key: string, html: string): void {
  store().set(key, html);
}

/** The body HTML recorded for `key` in this server process, if any. */
export function sharedBodyHtml(key: string): string | undefined {
  return store().get(key);
}
