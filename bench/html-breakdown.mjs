// @ts-check
// What the article's HTML is made of, by gzip -9 bytes (Node's zlib, as
// tests/e2e/budgets.spec.ts counts): the markup, the flight payload (the
// `self.__next_f.push` scripts) and its rows, and what leaving each part out would
// save. A tool for trimming the page, not a test.
//
//   node bench/html-breakdown.mjs [url|file]   (default http://127.0.0.1:3000/articles/how-ecommerce-operations-work)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const source = process.argv[2] ?? 'http://127.0.0.1:3000/articles/how-ecommerce-operations-work';
const html = /^https?:/.test(source) ? await (await fetch(source)).text() : readFileSync(source, 'utf8');
const gz = (/** @type {string} */ s) => gzipSync(Buffer.from(s), { level: 9 }).length;
const total = gz(html);

const FLIGHT = /<script>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g;
const flightScripts = [...html.matchAll(FLIGHT)];
const markup = html.replace(FLIGHT, '');
/** @type {string} */
let flight = '';
for (const m of flightScripts) {
  const [, payload] = JSON.parse(m[1] ?? '[]');
  if (typeof payload === 'string') flight += payload;
}

console.log(`HTML: ${Buffer.byteLength(html)} bytes, ${total} gzip -9`);
console.log(`  markup without flight scripts: ${Buffer.byteLength(markup)} bytes, ${gz(markup)} gzip alone`);
console.log(
  `  flight scripts: ${flightScripts.length}, payload ${Buffer.byteLength(flight)} bytes, ${gz(flight)} gzip alone, leaving them out saves ${total - gz(markup)}`,
);

const rows = flight.split('\n').filter(Boolean);
const byRow = rows
  .map((row) => ({ row, bytes: Buffer.byteLength(row), gzip: gz(row) }))
  .sort((a, b) => b.bytes - a.bytes)
  .slice(0, Number(process.env.ROWS ?? 15));
console.log('\nlargest flight rows (bytes, gzip alone):');
for (const r of byRow) console.log(`  ${String(r.bytes).padStart(6)} ${String(r.gzip).padStart(5)}  ${r.row.slice(0, 160)}`);

const first = (/** @type {RegExp} */ re) => [re.exec(html)?.[0] ?? ''];
const all = (/** @type {RegExp} */ re) => [...html.matchAll(re)].map((m) => m[0]);
/** @type {Record<string, string[]>} */
const parts = {
  head: first(/<head>[\s\S]*?<\/head>/),
  'json-ld': first(/<script type="application\/ld\+json"[\s\S]*?<\/script>/),
  'contents (目录)': first(/<nav class="toc"[\s\S]*?<\/nav>/),
  'article body': first(/<div class="prose"[\s\S]*?<\/div>(?=<)/),
  'meta twitter:*': all(/<meta name="twitter:[^>]*>/g),
};
console.log('\nparts of the markup (bytes, saved if left out):');
for (const [name, pieces] of Object.entries(parts)) {
  if (pieces.join('') === '') continue;
  const left = pieces.reduce((h, piece) => h.replace(piece, ''), html);
  console.log(`  ${name.padEnd(18)} ${String(Buffer.byteLength(pieces.join(''))).padStart(6)} ${String(total - gz(left)).padStart(5)}`);
}
