import { z } from 'zod';

/** A publication time with an explicit zone offset, e.g. 2022-06-17T19:39:30+08:00. */
const zonedDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/, 'must be a date-time with a zone offset, e.g. 2022-06-17T19:39:30+08:00')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date');

/** A URL slug: an article's `slug`, an author id, a gift id. */
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and hyphens');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** Front matter of `content/articles/<slug>.md`. */
export const ArticleFrontMatter = z
  .object({
    title: nonEmpty,
    slug,
    /** When the article goes public: one in the future keeps it out of the site until then (see lib/content/visibility.ts). */
    publishedAt: zonedDateTime,
    /** The last real revision (shown as 更新于, dateModified, lastmod); never before publishedAt. */
    updatedAt: zonedDateTime.optional(),
    /** A draft never reaches a production build; `npm run dev` and `npm run preview` show it. */
    draft: z.boolean().optional(),
    author: slug,
    keywords: z.array(nonEmpty).min(1, 'needs at least one keyword'),
    summary: nonEmpty,
    /** An image file, relative to the article (`./images/cover.jpg`): the Open Graph and JSON-LD image instead of the drawn card. */
    cover: nonEmpty.optional(),
    /** Feathers to unlock the part after the `<!-- paid -->` line; absent, the article is free. */
    price: z.number().int().positive().max(100_000).optional(),
    /** A reading quiz: the right answer is `answer`, counting options from 1. It never reaches the browser. */
    quiz: z
      .object({
        question: nonEmpty,
        options: z.array(nonEmpty).min(2, 'needs at least two options').max(6, 'has at most six options'),
        answer: z.number().int().min(1),
        /** The id of the heading whose section answers it: shown to a reader once they have answered. */
        answerSection: nonEmpty.optional(),
      })
      .strict()
      .refine((q) => q.answer <= q.options.length, { message: 'answer must be the number of one of the options (1 = the first)', path: ['answer'] })
      .optional(),
  })
  .strict();
export type ArticleFrontMatter = z.infer<typeof ArticleFrontMatter>;

/** Front matter of `content/authors/<id>.md`. */
export const AuthorFrontMatter = z
  .object({
    id: slug,
    name: nonEmpty,
    articleCount: z.number().int().nonnegative(),
  })
  .strict();
export type AuthorFrontMatter = z.infer<typeof AuthorFrontMatter>;

/**
 * A document's version: readers accept a version, and are asked again when it
 * changes (a date such as 2026-12-04, or any short label without spaces).
 */
const version = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,31}$/, 'must be a short version label such as 2026-12-04 (letters, digits, dots and hyphens)');

/** Front matter of `content/rules.md` (社区公约). */
export const RulesFrontMatter = z.object({ title: nonEmpty, version }).strict();
export type RulesFrontMatter = z.infer<typeof RulesFrontMatter>;

/** Front matter of `content/privacy.md` (隐私政策) and `content/terms.md` (用户协议). */
export const LegalFrontMatter = z.object({ title: nonEmpty, version }).strict();
export type LegalFrontMatter = z.infer<typeof LegalFrontMatter>;

/**
 * The site's filing numbers (备案), shown in the footer when present: the ICP number
 * (`京ICP备12345678号-1`, linked to beian.miit.gov.cn) and the public security filing
 * (公安备案: a region's one-character abbreviation and the 14-digit number, shown as
 * 「京公网安备 11010502030143号」 and linked to beian.mps.gov.cn).
 */
export const Beian = z
  .object({
    icp: z
      .string()
      .regex(/^\p{Script=Han}ICP备\d{8}号(?:-\d+)?$/u, 'must be an ICP number as issued, e.g. 京ICP备12345678号-1')
      .optional(),
    police: z
      .object({
        region: z.string().regex(/^\p{Script=Han}$/u, 'must be the one-character abbreviation of the region, e.g. 京'),
        code: z.string().regex(/^\d{14}$/, 'must be the 14-digit number, written in quotes, e.g. "11010502030143"'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Beian = z.infer<typeof Beian>;

/** Front matter of `content/site.md`: the site-wide banner and the optional 备案 numbers. */
export const SiteFrontMatter = z.object({ banner: z.object({ text: nonEmpty }).strict(), beian: Beian.optional() }).strict();
export type SiteFrontMatter = z.infer<typeof SiteFrontMatter>;

/** One gift in the feathers mall (羽毛精选); prices and stock are whole feathers and items. */
export const Gift = z
  .object({
    id: slug,
    name: nonEmpty,
    description: nonEmpty,
    /** How the reader uses the code they get (where to enter it, until when): shown with every redemption. */
    howToUse: nonEmpty,
    price: z.number().int().positive().max(100_000),
    stock: z.number().int().nonnegative().max(1_000_000),
  })
  .strict();
export type Gift = z.infer<typeof Gift>;

/** Front matter of `content/gifts.md`. */
export const GiftsFrontMatter = z
  .object({ gifts: z.array(Gift).min(1) })
  .strict()
  .refine((g) => new Set(g.gifts.map((x) => x.id)).size === g.gifts.length, { message: 'gift ids must be unique', path: ['gifts'] });
export type GiftsFrontMatter = z.infer<typeof GiftsFrontMatter>;
