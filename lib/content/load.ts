import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Root as MdastRoot } from 'mdast';
import type { z } from 'zod';
import { PAID_MARKER, isPaidMarker, parseContentFile, type ParsedFile } from './parse';
import { checkArticles } from './article-rules';
import { ZH_TW_EXCEPTIONS_FILE, checkZhTwExceptions, parseZhTwExceptions } from './zh-tw-exceptions';
import { contentDir } from './dirs';
import { readContentImage, refuseImages, resolveArticleImages, type ContentImage } from './images';
import { ArticleModelSchema, RulesModelSchema, problemPosition } from './model';
import { ContentError, type ContentProblem, type ContentRule } from './problem';
import { buildArticleModel, buildRulesModel, type ArticleSourceModel, type RulesSourceModel } from './structure';
import {
  ArticleFrontMatter,
  AuthorFrontMatter,
  GiftsFrontMatter,
  LegalFrontMatter,
  RulesFrontMatter,
  SiteFrontMatter,
  type Gift,
} from './schema';

/** An article as the editor wrote it: Simplified source, before any locale conversion. */
export type ArticleSource = Omit<ArticleFrontMatter, 'cover'> & {
  file: string;
  /** The whole body of a free article; of a paid one, only the free part. */
  body: MdastRoot;
  /** A paid article's part after the marker: sent only to readers who unlocked it. */
  paidBody?: MdastRoot;
  /** Its typed structure: lead, sections with stable ids, the paid part. */
  model: ArticleSourceModel;
  /** The images of its body, in order (their nodes already point at the served copies). */
  images: ContentImage[];
  /** The `cover` image, when the front matter names one. */
  cover?: ContentImage;
};
export type AuthorSource = AuthorFrontMatter & { file: string };
export type RulesSource = RulesFrontMatter & {
  file: string;
  /** The Markdown as written (with its {#id} markers). */
  body: MdastRoot;
  /** Its typed structure: preamble, categories, penalties, appeal, closing line. */
  model: RulesSourceModel;
};

/** The privacy policy or the user agreement as the editor wrote it. */
export type LegalSource = LegalFrontMatter & { file: string; body: MdastRoot };

/** Everything under `content/`, validated and typed. */
export type ContentSource = {
  articles: ArticleSource[];
  authors: Map<string, AuthorSource>;
  rules: RulesSource;
  banner: SiteFrontMatter['banner'];
  /** The footer's 备案 numbers; absent: no such lines. */
  beian: NonNullable<SiteFrontMatter['beian']>;
  gifts: Gift[];
  privacy: LegalSource;
  terms: LegalSource;
};

export { contentDir } from './dirs';

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listMarkdown(full));
    else if (name.endsWith('.md') && name !== 'README.md') out.push(full);
  }
  return out;
}

/**
 * A fingerprint of the content folders as they stand on disk: every Markdown
 * file's path, size and modification time. Development compares it to re-read
 * content an editor has just saved.
 */
export function contentSignature(dirs: string[] = contentDir()): string {
  const parts: string[] = [];
  for (const dir of dirs) {
    try {
      const exceptions = path.join(/*turbopackIgnore: true*/ dir, ZH_TW_EXCEPTIONS_FILE);
      for (const file of [...listMarkdown(dir), ...(existsSync(exceptions) ? [exceptions] : [])]) {
        const st = statSync(file);
        parts.push(`${file}:${st.size}:${st.mtimeMs}`);
      }
    } catch {
      // A folder being renamed or deleted mid-save: its next state is read on the next look.
      parts.push(`${dir}:missing`);
    }
  }
  return parts.join('\n');
}

/** Checks a document model with its zod schema and reports each issue at the node it is about. */
function checkModel(
  parsed: ParsedFile<unknown>,
  model: object,
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } },
  rule: ContentRule,
): ContentProblem[] {
  const result = schema.safeParse(model);
  if (result.success || !result.error) return [];
  return result.error.issues.map((issue) => {
    const start = problemPosition(model, issue.path);
    return { file: parsed.file, line: start?.line ?? 1, column: start?.column ?? 1, rule, message: issue.message };
  });
}

/** Builds a file's model, reporting what the builder finds (unreadable ban lengths…) at its offset. */
function reporterFor(parsed: ParsedFile<unknown>, problems: ContentProblem[]) {
  return (offset: number, rule: ContentRule, message: string) => problems.push({ file: parsed.file, ...parsed.pointAt(offset), rule, message });
}

const bodyOf = (tree: MdastRoot): MdastRoot => ({ ...tree, children: tree.children.filter((n) => n.type !== 'yaml') });

/** Splits a body at the paid marker into the free part and the paid part. */
function splitPaid(body: MdastRoot): { body: MdastRoot; paidBody?: MdastRoot } {
  const i = body.children.findIndex(isPaidMarker);
  if (i < 0) return { body };
  return { body: { ...body, children: body.children.slice(0, i) }, paidBody: { ...body, children: body.children.slice(i + 1) } };
}

/** Checks the first folder's zh-TW exceptions (the only ones the converter uses), when it has any. */
function checkExceptions(dir: string, sources: readonly string[], rel: (f: string) => string): ContentProblem[] {
  const full = path.join(/*turbopackIgnore: true*/ dir, ZH_TW_EXCEPTIONS_FILE);
  if (!existsSync(full)) return [];
  const file = rel(full);
  const { entries, problems } = parseZhTwExceptions(file, readFileSync(full, 'utf8'));
  return [...problems, ...checkZhTwExceptions(file, entries, sources)];
}

/**
 * Reads and checks every Markdown file under `dir`. Returns the typed content and
 * every problem found (file:line:column); callers decide whether problems are fatal.
 */
export function readContent(dirs: string | string[] = contentDir()): { content: ContentSource | undefined; problems: ContentProblem[] } {
  const folders = Array.isArray(dirs) ? dirs : [dirs];
  const dir = folders[0]!;
  const problems: ContentProblem[] = [];
  // Every file's text as written: an exception no file contains is a leftover.
  const sources: string[] = [];
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  const parse = <S extends z.ZodType>(full: string, schema: S): ParsedFile<z.infer<S>> => {
    const source = readFileSync(full, 'utf8');
    sources.push(source);
    const parsed = parseContentFile(rel(full), source, schema);
    problems.push(...parsed.problems);
    // Only articles get their images read and served (resolveArticleImages below).
    if ((schema as z.ZodType) !== ArticleFrontMatter) problems.push(...refuseImages(parsed.tree, parsed.file));
    return parsed;
  };

  const articles: Array<{
    parsed: ParsedFile<ArticleFrontMatter>;
    data: ArticleFrontMatter;
    model: ArticleSourceModel;
    images: ContentImage[];
    cover: ContentImage | undefined;
  }> = [];
  const authors = new Map<string, AuthorSource>();
  let rules: RulesSource | undefined;
  let banner: SiteFrontMatter['banner'] | undefined;
  let beian: NonNullable<SiteFrontMatter['beian']> = {};
  let gifts: Gift[] | undefined;
  const legal: { privacy?: LegalSource; terms?: LegalSource } = {};

  for (const [folder, full] of folders.flatMap((f) => listMarkdown(f).map((file) => [f, file] as const))) {
    const name = path.relative(folder, full).split(path.sep).join('/');
    if (name.startsWith('articles/')) {
      const parsed = parse(full, ArticleFrontMatter);
      if (parsed.data) {
        // Before the model is built: its blocks share these image nodes, which now point at the served copies.
        const { images, problems: imageProblems } = resolveArticleImages(parsed.tree, parsed.file, full, folder, parsed.pointAt);
        problems.push(...imageProblems);
        const cover = parsed.data.cover === undefined ? undefined : readContentImage(parsed.data.cover, full, folder);
        if (cover && !cover.ok) problems.push({ file: parsed.file, ...parsed.positionOf(['cover']), rule: cover.rule, message: `cover: ${cover.message}` });
        const model = buildArticleModel(parsed.tree, parsed.data.price);
        problems.push(...checkModel(parsed, model, ArticleModelSchema, 'article-model'));
        articles.push({ parsed, data: parsed.data, model, images, cover: cover?.ok ? cover.image : undefined });
      }
    } else if (name.startsWith('authors/')) {
      const parsed = parse(full, AuthorFrontMatter);
      if (parsed.data) authors.set(parsed.data.id, { ...parsed.data, file: parsed.file });
    } else if (name === 'rules.md') {
      const parsed = parse(full, RulesFrontMatter);
      if (parsed.data) {
        const model = buildRulesModel(parsed.tree, parsed.source, reporterFor(parsed, problems));
        problems.push(...checkModel(parsed, model, RulesModelSchema, 'rules-model'));
        rules = { ...parsed.data, file: parsed.file, body: bodyOf(parsed.tree), model };
      }
    } else if (name === 'site.md') {
      const site = parse(full, SiteFrontMatter).data;
      banner = site?.banner;
      beian = site?.beian ?? {};
    } else if (name === 'gifts.md') {
      gifts = parse(full, GiftsFrontMatter).data?.gifts;
    } else if (name === 'privacy.md' || name === 'terms.md') {
      const parsed = parse(full, LegalFrontMatter);
      if (parsed.data) legal[name === 'privacy.md' ? 'privacy' : 'terms'] = { ...parsed.data, file: parsed.file, body: bodyOf(parsed.tree) };
    } else {
      problems.push({
        file: rel(full),
        line: 1,
        column: 1,
        rule: 'unknown-file',
        message: 'unknown content file: articles go in articles/, authors in authors/; rules.md, site.md, gifts.md, privacy.md and terms.md sit at the top',
      });
    }
  }

  const seenSlugs = new Map<string, string>();
  for (const { parsed, data } of articles) {
    const other = seenSlugs.get(data.slug);
    if (other) {
      problems.push({ file: parsed.file, ...parsed.positionOf(['slug']), rule: 'duplicate-slug', message: `duplicate slug "${data.slug}" (also used by ${other})` });
    } else seenSlugs.set(data.slug, parsed.file);
    const markers = parsed.tree.children.filter(isPaidMarker);
    const at = (node: (typeof markers)[number]) => ({ line: node.position!.start.line, column: node.position!.start.column });
    if (markers.length > 1) {
      problems.push({ file: parsed.file, ...at(markers[1]!), rule: 'paid-marker', message: `${PAID_MARKER} may appear only once` });
    } else if (data.price !== undefined && markers.length === 0) {
      problems.push({ file: parsed.file, ...parsed.positionOf(['price']), rule: 'paid-marker', message: `a paid article needs a ${PAID_MARKER} line where its free part ends` });
    } else if (data.price === undefined && markers.length === 1) {
      problems.push({ file: parsed.file, ...at(markers[0]!), rule: 'paid-marker', message: `${PAID_MARKER} needs a price in the front matter` });
    }
    if (!authors.has(data.author)) {
      problems.push({ file: parsed.file, ...parsed.positionOf(['author']), rule: 'unknown-author', message: `unknown author id "${data.author}": add content/authors/${data.author}.md` });
    }
  }

  problems.push(...checkExceptions(dir, sources, rel));
  problems.push(...checkArticles(articles, new Set(authors.keys()), rules?.model.parts));

  for (const [what, present] of [
    ['rules.md', rules],
    ['site.md', banner],
    ['gifts.md', gifts],
    ['privacy.md', legal.privacy],
    ['terms.md', legal.terms],
  ] as const) {
    if (present === undefined && !problems.some((p) => p.file.endsWith(what))) {
      problems.push({ file: rel(path.join(/*turbopackIgnore: true*/ dir, what)), line: 1, column: 1, rule: 'unknown-file', message: `${what} is missing` });
    }
  }

  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const { privacy, terms } = legal;
  if (problems.length > 0 || !rules || !banner || !gifts || !privacy || !terms) return { content: undefined, problems };
  return {
    content: {
      articles: articles
        .map(({ parsed, data: { cover: _path, ...data }, model, images, cover }) => ({
          ...data,
          file: parsed.file,
          ...splitPaid(bodyOf(parsed.tree)),
          model,
          images,
          ...(cover ? { cover } : {}),
        }))
        .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt)),
      authors,
      rules,
      banner,
      beian,
      gifts,
      privacy,
      terms,
    },
    problems,
  };
}

/** Loads the content or throws a ContentError listing every problem (what the build relies on). */
export function loadContent(dir?: string | string[]): ContentSource {
  const { content, problems } = readContent(dir);
  if (!content) throw new ContentError(problems);
  return content;
}
