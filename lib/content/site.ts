import 'server-only';
import type { Root as HastRoot } from 'hast';
import { coverCopy, imagesOf, type ImageCopy } from './images';
import { contentSignature, loadContent, type ArticleSource, type ContentSource } from './load';
import { ContentError } from './problem';
import { articleStatus, contentNow, visibleArticles, type ArticleStatus } from './visibility';
import {
  bodyStats,
  contentLangFor,
  flattenSection,
  localizeText,
  readingMinutes,
  renderArticleModel,
  renderBody,
  renderRulesModel,
  type Block,
  type ContentLang,
  type SiteLocale,
} from './localize';
import { banKey, type ArticlePart, type Ban, type RulesPart } from './model';
import { forgetZhTwExceptions } from './zh-tw';

// Content is read once per server process (at build time for static pages); a
// problem in it throws, which fails `next build` with the file, line and column.
// In development only, the folders are looked at again (at most every 300 ms) and
// re-read when a file changed, so a reload shows what the editor just saved.
let cached: ContentSource | undefined;
// Next bundles instrumentation.ts (whose reader-state answer server.mjs serves) apart
// from the routes, so this module can be loaded twice in one process. Under
// server.mjs, which sets up this slot, both share one copy of the content, so they
// agree on what is published and which consent versions are current (tests that
// load this module afresh with other settings get their own, as before).
const SHARED = Symbol.for('niaoge.content');
const sharedSlot = () => (globalThis as typeof globalThis & { [SHARED]?: { content?: ContentSource } })[SHARED];
let signature: string | undefined;
let lookedAt = 0;
const DEV = process.env.NODE_ENV === 'development';

function content(): ContentSource {
  if (DEV && Date.now() - lookedAt > 300) {
    lookedAt = Date.now();
    const now = contentSignature();
    if (now !== signature) {
      cached = undefined;
      forgetZhTwExceptions();
    }
    signature = now;
  }
  const slot = DEV ? undefined : sharedSlot();
  if (!cached && slot?.content) cached = slot.content;
  if (!cached) {
    try {
      const all = loadContent();
      cached = { ...all, articles: visibleArticles(all.articles) };
      if (slot) slot.content = cached;
      // An image the editor just added gets its copies in the background (npm run dev
      // made the others at start-up); the page that names it shows it a moment later.
      if (DEV) {
        const images = imagesOf(cached.articles);
        void import('./emit-images').then((m) => m.emitImages(images)).catch((e: unknown) => console.error('content images:', e));
      }
    } catch (e) {
      // Try again on the next request, and show the editor the file:line:column list, not frames.
      if (DEV) lookedAt = 0;
      if (DEV && e instanceof ContentError) e.stack = `${e.name}: ${e.message}`;
      throw e;
    }
  }
  return cached;
}

export type AuthorView = { id: string; name: string; articleCount: number; lang: ContentLang };
export type KeywordView = { key: string; label: string };

/** An article as a reader of one locale sees it in lists. */
export type ArticleSummary = {
  slug: string;
  title: string;
  summary: string;
  publishedAt: string;
  /** The last revision, when the editor recorded one (shown as 更新于, dateModified, lastmod). */
  updatedAt?: string;
  /** Always `published` in a production build; development and previews also show drafts and scheduled articles. */
  status: ArticleStatus;
  keywords: KeywordView[];
  author: AuthorView;
  readingMinutes: number;
  lang: ContentLang;
};

/**
 * A part of an article as the page renders it: the paid part never gets here, only
 * a `locked` part saying where it starts and what it costs.
 */
export type ArticleViewPart = Exclude<ArticlePart<Block>, { kind: 'paid' }> | { kind: 'locked'; price: number };

/** A whole article, rendered for one locale. */
export type ArticleView = ArticleSummary & {
  /** Lead and sections (stable ids); of a paid article, the free part and a `locked` part. */
  parts: ArticleViewPart[];
  /** Feathers to unlock a paid article's rest (undefined: free). */
  price?: number;
  /** The editor's `cover` (a site-relative URL): shared instead of the drawn card. */
  cover?: ImageCopy & { type: string };
};

function author(id: string, locale: SiteLocale): AuthorView {
  const a = content().authors.get(id);
  // The checker guarantees every article's author exists.
  if (!a) throw new Error(`unknown author ${id}`);
  return { id: a.id, name: localizeText(a.name, locale), articleCount: a.articleCount, lang: contentLangFor(locale) };
}

/**
 * Reading time per loaded article: walking a whole body costs about 0.6 ms, and a
 * page listing 50 comments (the moderation queue) summarises the same article 50
 * times. Keyed by the loaded source object, so a content reload (dev) starts afresh.
 */
const minutesOf = new WeakMap<ArticleSource, number>();
function readingMinutesOf(a: ArticleSource): number {
  let minutes = minutesOf.get(a);
  if (minutes === undefined) {
    minutes = readingMinutes(a.paidBody ? { ...a.body, children: [...a.body.children, ...a.paidBody.children] } : a.body);
    minutesOf.set(a, minutes);
  }
  return minutes;
}

function summarize(a: ArticleSource, locale: SiteLocale): ArticleSummary {
  return {
    slug: a.slug,
    title: localizeText(a.title, locale),
    summary: localizeText(a.summary, locale),
    publishedAt: a.publishedAt,
    ...(a.updatedAt ? { updatedAt: a.updatedAt } : {}),
    status: articleStatus(a, contentNow()),
    keywords: a.keywords.map((k) => ({ key: k, label: localizeText(k, locale) })),
    author: author(a.author, locale),
    readingMinutes: readingMinutesOf(a),
    lang: contentLangFor(locale),
  };
}

/** Every article, newest first. */
export function listArticles(locale: SiteLocale): ArticleSummary[] {
  return content().articles.map((a) => summarize(a, locale));
}

/** One article rendered for a locale, or undefined for an unknown slug. */
export function getArticle(locale: SiteLocale, slug: string): ArticleView | undefined {
  const a = content().articles.find((x) => x.slug === slug);
  if (!a) return undefined;
  // The paid part is dropped before rendering: the page cannot carry what it never had.
  const free = { parts: a.model.parts.filter((p) => p.kind !== 'paid') };
  const paid = a.model.parts.find((p) => p.kind === 'paid');
  const parts: ArticleViewPart[] = renderArticleModel(free, locale).parts.filter((p): p is Exclude<ArticlePart<Block>, { kind: 'paid' }> => p.kind !== 'paid');
  if (paid) parts.push({ kind: 'locked', price: paid.price });
  return { ...summarize(a, locale), parts, ...(paid ? { price: paid.price } : {}), ...(a.cover ? { cover: coverCopy(a.cover) } : {}) };
}

/** Every article slug, newest first (routes prerender each one; any other slug is a 404). */
export function listArticleSlugs(): string[] {
  return content().articles.map((a) => a.slug);
}

/** Whether an article with this slug exists (a cheap check for route handlers). */
export function hasArticle(slug: string): boolean {
  return content().articles.some((x) => x.slug === slug);
}

/** An article's list view (title, summary…) for a locale, without rendering its body. */
export function getArticleSummary(locale: SiteLocale, slug: string): ArticleSummary | undefined {
  const a = content().articles.find((x) => x.slug === slug);
  return a && summarize(a, locale);
}

/** Structure counts of an article's source (for tests and the checker's report). */
export function getArticleStats(slug: string) {
  const a = content().articles.find((x) => x.slug === slug);
  return a ? bodyStats(a.body) : undefined;
}

/** Every keyword (the Simplified source form is the tag's key in URLs). */
export function listTags(locale: SiteLocale): KeywordView[] {
  const keys = [...new Set(content().articles.flatMap((a) => a.keywords))];
  return keys.map((k) => ({ key: k, label: localizeText(k, locale) }));
}

/** The articles carrying a keyword, or undefined for an unknown one. */
export function getTag(locale: SiteLocale, key: string): { tag: KeywordView; articles: ArticleSummary[] } | undefined {
  const articles = content().articles.filter((a) => a.keywords.includes(key));
  if (articles.length === 0) return undefined;
  return { tag: { key, label: localizeText(key, locale) }, articles: articles.map((a) => summarize(a, locale)) };
}

/** Every author id. */
export function listAuthorIds(): string[] {
  return [...content().authors.keys()];
}

/** An author and their articles on this site, or undefined for an unknown id. */
export function getAuthor(locale: SiteLocale, id: string): { author: AuthorView; articles: ArticleSummary[] } | undefined {
  if (!content().authors.has(id)) return undefined;
  return {
    author: author(id, locale),
    articles: content().articles.filter((a) => a.author === id).map((a) => summarize(a, locale)),
  };
}

/** The community rules (社区公约) rendered for a locale: preamble, categories, penalties, appeal, closing line. */
export function getRules(locale: SiteLocale): { title: string; parts: Array<RulesPart<Block>>; lang: ContentLang } {
  const r = content().rules;
  return { title: localizeText(r.title, locale), parts: renderRulesModel(r.model, locale).parts, lang: contentLangFor(locale) };
}

/** A category of the rules as moderators pick it and readers see it as a reason: its id and its name from the rules text. */
export type RuleCategoryView = { id: string; name: string; lang: ContentLang };

/** The rules' categories in their order, named as the rules name them in the locale's script. */
export function listRuleCategories(locale: SiteLocale): RuleCategoryView[] {
  return content().rules.model.parts.flatMap((p) =>
    p.kind === 'categories' ? p.categories.map((c) => ({ id: c.id, name: localizeText(c.name, locale), lang: contentLangFor(locale) })) : [],
  );
}

/** One category by id (a stored comment's reason), or undefined when the rules no longer have it. */
export function getRuleCategory(locale: SiteLocale, id: string): RuleCategoryView | undefined {
  return listRuleCategories(locale).find((c) => c.id === id);
}

/** The ban lengths of the rules' penalties (违规处罚), as written: days, or null for permanent. */
export function listBans(): Ban[] {
  return content().rules.model.parts.flatMap((p) => (p.kind === 'penalties' ? p.bans : []));
}

/** The ban a form's value names (`1`, `7`, `permanent`…), or undefined when the rules state no such length. */
export function getBan(key: string): Ban | undefined {
  return listBans().find((b) => banKey(b) === key);
}

/** The site banner text for a locale. */
export function getBanner(locale: SiteLocale): { text: string; lang: ContentLang } {
  return { text: localizeText(content().banner.text, locale), lang: contentLangFor(locale) };
}

/** The footer's 备案 lines, from content/site.md: each one absent when the editor gave no number. */
export function getBeian(): { icp?: { number: string; href: string }; police?: { region: string; code: string; href: string } } {
  const { icp, police } = content().beian;
  return {
    ...(icp ? { icp: { number: icp, href: 'https://beian.miit.gov.cn/' } } : {}),
    ...(police ? { police: { ...police, href: `https://beian.mps.gov.cn/#/query/webSearch?code=${police.code}` } } : {}),
  };
}

/** A gift of the mall (羽毛精选) as a reader of one locale sees it. */
export type GiftView = { id: string; name: string; description: string; howToUse: string; price: number; stock: number; lang: ContentLang };

/** The gifts of content/gifts.md, in their order. */
export function listGifts(locale: SiteLocale): GiftView[] {
  return content().gifts.map((g) => ({
    ...g,
    name: localizeText(g.name, locale),
    description: localizeText(g.description, locale),
    howToUse: localizeText(g.howToUse, locale),
    lang: contentLangFor(locale),
  }));
}

/** Every gift as content/gifts.md defines it (its stock, for reader-state beside the article). */
export function listGiftSources() {
  return content().gifts;
}

/** A gift as content/gifts.md defines it (price and stock for the mall's transaction). */
export function getGiftSource(id: string) {
  return content().gifts.find((g) => g.id === id);
}

/** An article's quiz for the page: the question and options, never the answer. */
export function getQuiz(locale: SiteLocale, slug: string): { question: string; options: string[]; lang: ContentLang } | undefined {
  const quiz = content().articles.find((x) => x.slug === slug)?.quiz;
  if (!quiz) return undefined;
  return { question: localizeText(quiz.question, locale), options: quiz.options.map((o) => localizeText(o, locale)), lang: contentLangFor(locale) };
}

/**
 * The quiz's number of options, its right answer (1 = the first option) and the heading id of the
 * section that answers it, for checking a reader's choice on the server; undefined when the article has no quiz.
 */
export function getQuizAnswer(slug: string): { options: number; answer: number; section: string | null } | undefined {
  const quiz = content().articles.find((x) => x.slug === slug)?.quiz;
  return quiz && { options: quiz.options.length, answer: quiz.answer, section: quiz.answerSection ?? null };
}

/** A paid article's price and its paid part rendered for a locale; undefined for a free or unknown article. */
export function getPaidPart(locale: SiteLocale, slug: string): { price: number; body: HastRoot } | undefined {
  const a = content().articles.find((x) => x.slug === slug);
  const paid = a?.model.parts.find((p) => p.kind === 'paid');
  if (!paid) return undefined;
  const [part] = renderArticleModel({ parts: [paid] }, locale).parts;
  if (part?.kind !== 'paid') return undefined;
  const blocks = [...part.lead, ...part.sections.flatMap(flattenSection)];
  return { price: part.price, body: { type: 'root', children: blocks.flatMap((b, i) => (i === 0 ? [b] : [{ type: 'text' as const, value: '\n' }, b])) } };
}

/** A paid article's price (undefined for a free or unknown one). */
export function articlePrice(slug: string): number | undefined {
  const a = content().articles.find((x) => x.slug === slug);
  return a?.model.parts.find((p) => p.kind === 'paid')?.price;
}

/** The privacy policy (隐私政策) or the user agreement (用户协议), rendered for a locale. */
export function getLegalDocument(locale: SiteLocale, which: 'privacy' | 'terms'): { title: string; version: string; body: HastRoot; lang: ContentLang } {
  const doc = content()[which];
  return { title: localizeText(doc.title, locale), version: doc.version, body: renderBody(doc.body, locale), lang: contentLangFor(locale) };
}

/** The current version of each document a reader accepts (用户协议, 隐私政策, 社区公约). */
export function getConsentVersions(): { terms: string; privacy: string; rules: string } {
  const c = content();
  return { terms: c.terms.version, privacy: c.privacy.version, rules: c.rules.version };
}
