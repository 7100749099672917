// @ts-check
// Fills deploy/nginx.conf.template. One job: text in, text out, so the production
// config and the one `npm run stack` runs are the same file with different values.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const TEMPLATE = path.join(HERE, 'nginx.conf.template');

/** Where Debian's libnginx-mod-http-brotli-filter puts its module. */
export const BROTLI_FILTER_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so';

/**
 * @typedef {object} NginxSettings
 * @property {string} prefix        absolute folder for pid, logs, cache and temp files
 * @property {string} listen        what `listen` takes: `127.0.0.1:8080`, `443 ssl`…
 * @property {string[]} upstreams   app instances, `host:port`
 * @property {string} buildId       the build's id (.next/BUILD_ID): part of every page's cache key
 * @property {number | 'auto'} [workers]
 * @property {string | null} [user] worker user when started as root (Debian: www-data)
 * @property {string} [mutationRate] limit_req rate for requests that change something
 * @property {number} [mutationBurst]
 * @property {boolean} [brotli]     load and use the brotli filter (default: when the module file exists)
 * @property {string} [errorsDir]   nginx's own error answers, written by `writeErrorPages` (deploy/error-pages.mjs); default `<prefix>/errors`
 */

/** @param {NginxSettings} s */
export function renderNginxConfig(s) {
  if (!/^[A-Za-z0-9_-]+$/.test(s.buildId)) throw new Error(`unexpected build id: ${JSON.stringify(s.buildId)}`);
  if (s.upstreams.length === 0) throw new Error('at least one upstream is needed');
  // Values are pasted into directives: one with `;`, a brace or a space would end the
  // directive and start another, so each must look like what it is.
  const expect = (/** @type {string} */ what, /** @type {unknown} */ value, /** @type {RegExp} */ shape) => {
    if (!shape.test(String(value))) throw new Error(`nginx config: unexpected ${what}: ${JSON.stringify(value)}`);
  };
  const PATH = /^\/[^\s;{}'"$#]*$/;
  expect('prefix', s.prefix, PATH);
  const errorsDir = s.errorsDir ?? path.join(s.prefix, 'errors');
  expect('errors folder', errorsDir, PATH);
  expect('listen', s.listen, /^[\w.:[\]]+( (ssl|http2|reuseport|default_server))*$/);
  for (const u of s.upstreams) expect('upstream', u, /^[\w.-]+:\d{1,5}$|^\[[\d:a-fA-F]+\]:\d{1,5}$|^unix:\/[^\s;{}]+$/);
  expect('worker count', s.workers ?? 'auto', /^(auto|\d{1,3})$/);
  if (s.user) expect('user', s.user, /^[a-z_][a-z0-9_-]*$/);
  expect('mutation rate', s.mutationRate ?? '10r/s', /^\d{1,6}r\/[sm]$/);
  expect('mutation burst', s.mutationBurst ?? 20, /^\d{1,6}$/);
  const brotli = s.brotli ?? existsSync(BROTLI_FILTER_MODULE);
  const values = {
    PREFIX: s.prefix,
    LISTEN: s.listen,
    // A server that failed once is left alone for 5 s: the next request goes to a live one.
    UPSTREAM_SERVERS: s.upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=5s;`).join('\n'),
    BUILD_ID: s.buildId,
    WORKERS: String(s.workers ?? 'auto'),
    USER: s.user ? `user ${s.user};` : '',
    MUTATION_RATE: s.mutationRate ?? '10r/s',
    MUTATION_BURST: String(s.mutationBurst ?? 20),
    ERRORS_DIR: errorsDir,
    BROTLI_FILTER_MODULE,
  };
  let text = readFileSync(TEMPLATE, 'utf8');
  // Brotli lines are written commented out; keep them only when the module is there.
  text = text.replace(/^(\s*)#brotli# ?/gm, brotli ? '$1' : '$1# (no brotli module) ');
  text = text.replace(/\{\{([A-Z_]+)\}\}/g, (_, name) => {
    const value = /** @type {Record<string, string>} */ (values)[name];
    if (value === undefined) throw new Error(`nginx template: no value for {{${name}}}`);
    return value;
  });
  return text;
}
