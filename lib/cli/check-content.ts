// `npm run check:content`: report every content problem as file:line:column and fail.
import { readContent } from '../content/load';
import { formatProblem } from '../content/problem';

const dir = process.argv[2];
const { content, problems } = readContent(dir);
for (const p of problems) console.error(formatProblem(p));
if (problems.length > 0 || !content) {
  console.error(`\n${problems.length} content problem(s).`);
  process.exit(1);
}
console.log(`content ok: ${content.articles.length} article(s), ${content.authors.size} author(s), rules, banner, ${content.gifts.length} gift(s).`);
