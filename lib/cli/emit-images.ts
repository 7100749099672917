// `npm run images`, the build's image step (also run by build:fixture, preview and
// dev): writes the served copies of the images of the articles this build shows
// into public/content-images/ (see lib/content/images.ts). Content with problems
// stops it, except with --dev: `next dev` then shows the problems in the page.
import { IMAGE_KEEP_DAYS, emitImages } from '../content/emit-images';
import { imagesOf } from '../content/images';
import { readContent } from '../content/load';
import { formatProblem } from '../content/problem';
import { visibleArticles } from '../content/visibility';

const started = performance.now();
const { content, problems } = readContent();
if (!content) {
  for (const p of problems) console.error(formatProblem(p));
  process.exit(process.argv.includes('--dev') ? 0 : 1);
}
const r = await emitImages(imagesOf(visibleArticles(content.articles)));
const kb = (n: number) => `${Math.round(n / 1024)} KiB`;
// --json: one line for npm run bench (bench/run.mjs).
if (process.argv.includes('--json')) console.log(JSON.stringify(r));
else
  console.log(
    `images: ${r.images} image(s), ${r.made} new cop(ies), ${r.pruned} unused for ${IMAGE_KEEP_DAYS} days deleted, in ${Math.round(performance.now() - started)} ms; ` +
      `originals ${kb(r.originalBytes)}, all copies ${kb(r.servedBytes)}, a 375 px phone at 2× downloads ${kb(r.phoneBytes)}`,
  );
