/**
 * Hands an HTML string from the server component that makes it (the RSC module
 * graph) to the SSR render of <ServerHtml> (the SSR graph). The two graphs do not
 * share module instances, only the process, hence a global. The string never travels
 * as a prop, so it is not repeated in the page's flight payload.
 * Keys name one piece of one page (`<locale>/<slug>/body`): bounded by the published
 * articles, overwritten on rebuilds.
 */
const STORE = Symbol.for('niaoge.serverHtml');

type Holder = { [STORE]?: Map<string, string> };

function store(): Map<string, string> {
  const holder = globalThis as Holder;
  holder[STORE] ??= new Map();
  return holder[STORE];
}

/** Records the HTML the SSR render of `key` will emit. */
export function shareServerHtml(key: string, html: string): void {
  store().set(key, html);
}

/** The HTML recorded for `key` in this server process, if any. */
export function sharedServerHtml(key: string): string | undefined {
  return store().get(key);
}
