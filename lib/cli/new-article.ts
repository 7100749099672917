// `npm run new:article -- <slug>`: starts content/articles/<slug>.md as a draft.
import { contentDir } from '../content/load';
import { createArticle } from '../content/new-article';

const slug = process.argv[2];
if (!slug) {
  console.error('usage: npm run new:article -- <slug>   (lowercase letters, digits and hyphens)');
  process.exit(2);
}
const result = createArticle(contentDir()[0]!, slug);
if (!result.ok) {
  console.error(result.message);
  process.exit(1);
}
console.log(`wrote ${result.file} (a draft): write it, run npm run check:content, preview it with npm run preview -- ${slug}, then delete "draft: true".`);
